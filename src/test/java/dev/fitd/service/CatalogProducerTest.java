package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.CatalogException;
import dev.fitd.config.CatalogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer wires configuration to the loader; a bad overlay surfaces as the loader's one error. */
class CatalogProducerTest {

    @TempDir
    Path dir;

    @Test
    void without_overlays_the_bundled_catalog_is_produced() {
        CatalogConfig none = Optional::empty;
        assertTrue(new CatalogProducer().catalog(none).size() > 0);
    }

    @Test
    void a_malformed_overlay_stops_production_with_one_clear_error() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"models\": 1}");
        CatalogConfig config = () -> Optional.of(List.of(dir));
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogProducer().catalog(config));
        assertEquals("catalog file " + dir.toAbsolutePath().normalize().resolve("bad.json")
                + ": field models: must be an array, got 1", e.getMessage());
    }

    @Test
    void a_leading_tilde_means_the_home_directory() {
        Path home = Path.of(System.getProperty("user.home"));
        CatalogConfig config = () -> Optional.of(List.of(Path.of("~/fitd/catalog"), Path.of("~"), Path.of("/abs/x")));
        assertEquals(List.of(home.resolve("fitd/catalog"), home, Path.of("/abs/x")),
                CatalogConfig.overlayDirectories(config));
    }
}
