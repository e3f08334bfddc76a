package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.CatalogException;
import dev.fitd.config.CatalogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog service wires configuration to the catalog holder: overlay directories, the reload
 * interval (checked at start, with a message naming the key), and the background check.
 */
class CatalogServiceTest {

    /** {@code fitd.catalog.*} as plain values. */
    record Config(Optional<List<Path>> overlayDirs, String reloadInterval) implements CatalogConfig {
        static Config of(Path... dirs) {
            return new Config(dirs.length == 0 ? Optional.empty() : Optional.of(List.of(dirs)), "10s");
        }
    }

    @TempDir
    Path dir;

    @Test
    void without_overlays_the_bundled_catalog_is_in_use() {
        CatalogService service = new CatalogService(Config.of());
        assertTrue(service.current().catalog().size() > 0);
        assertEquals(1, service.current().version());
        assertEquals(List.of(), service.current().warnings());
    }

    @Test
    void a_malformed_overlay_stops_start_up_with_one_clear_error() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "{\"models\": 1}");
        CatalogException e = assertThrows(CatalogException.class, () -> new CatalogService(Config.of(dir)));
        assertEquals("catalog file " + dir.toAbsolutePath().normalize().resolve("bad.json")
                + ": field models: must be an array, got 1", e.getMessage());
    }

    @Test
    void a_leading_tilde_means_the_home_directory() {
        Path home = Path.of(System.getProperty("user.home"));
        CatalogConfig config = new Config(Optional.of(List.of(Path.of("~/fitd/catalog"), Path.of("~"), Path.of("/abs/x"))), "10s");
        assertEquals(List.of(home.resolve("fitd/catalog"), home, Path.of("/abs/x")),
                CatalogConfig.overlayDirectories(config));
    }

    @Test
    void the_reload_interval_is_a_duration_and_zero_or_off_turns_reloading_off() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), interval("10s"));
        assertEquals(Optional.of(Duration.ofMillis(200)), interval("200ms"));
        assertEquals(Optional.of(Duration.ofMinutes(1)), interval("PT1M"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), interval(" 5 "));
        assertEquals(Optional.empty(), interval("0s"));
        assertEquals(Optional.empty(), interval("0"));
        assertEquals(Optional.empty(), interval("off"));
        assertEquals(Optional.empty(), interval("OFF"));
        assertEquals(Optional.empty(), interval("disabled"));
    }

    @Test
    void the_job_skips_its_runs_when_a_zero_interval_turned_reloading_off() {
        CatalogService.ReloadOff skip = new CatalogService.ReloadOff();
        skip.catalogs = new CatalogService(new Config(Optional.empty(), "0s"));
        assertTrue(skip.test(null));
        skip.catalogs = new CatalogService(new Config(Optional.empty(), "10s"));
        assertFalse(skip.test(null));
    }

    @Test
    void a_bad_reload_interval_stops_start_up_naming_the_key() {
        for (String bad : List.of("soon", "", "10 parsecs", "-5s")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CatalogService(new Config(Optional.empty(), bad)), bad);
            assertTrue(e.getMessage().startsWith("fitd.catalog.reload-interval=" + bad.strip() + ": "), e.getMessage());
        }
        // the mapping's converter applies the same check while the configuration is read, before the
        // scheduler could reject the value with a less helpful message
        CatalogConfig.ReloadIntervalConverter converter = new CatalogConfig.ReloadIntervalConverter();
        assertEquals("200ms", converter.convert(" 200ms "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> converter.convert("soon"));
        assertEquals("fitd.catalog.reload-interval=soon: not a duration (10s, 500ms, PT1M) or off", e.getMessage());
    }

    @Test
    void the_background_check_puts_a_new_overlay_model_in_use() throws Exception {
        CatalogService service = new CatalogService(Config.of(dir));
        int before = service.current().catalog().size();
        Files.writeString(dir.resolve("acme.json"), CatalogOverlayFaultTest.catalogFile("acme/Service-8B", 8));

        service.check();

        assertEquals(before + 1, service.current().catalog().size());
        assertEquals(2, service.current().version());
        assertTrue(service.current().catalog().find("acme/service-8b").isPresent());
    }

    private static Optional<Duration> interval(String value) {
        return CatalogConfig.reloadInterval(new Config(Optional.empty(), value));
    }
}
