package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.CatalogException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile catalog overlays (fitd.catalog.overlay-dirs). The catalog is read once, at start: a file that
 * cannot be read stops start-up with a message naming it (the catalog's owner chose fail-fast over
 * silently serving a different catalog), and nothing in an overlay can make start-up hang. Tests run as
 * root here, so "unreadable" is a file whose read fails (/proc/self/mem), not a chmod.
 */
class CatalogOverlayFaultTest {

    @Test
    void aFileThatCannotBeReadStopsStartUpNamingIt(@TempDir Path dir) throws Exception {
        Path evil = Files.createSymbolicLink(dir.resolve("evil.json"), Path.of("/proc/self/mem"));
        CatalogException e = assertThrows(CatalogException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CatalogProducer.load(List.of(dir))));
        assertTrue(e.getMessage().contains(evil.toString()) && e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void aFifoOrADeviceNamedLikeACatalogFileIsSkippedNotWaitedOn(@TempDir Path dir) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("fifo.json").toString()).start();
        assertTrue(mkfifo.waitFor() == 0);
        Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        Files.createDirectories(dir.resolve("dir.json"));
        Catalog catalog = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CatalogProducer.load(List.of(dir)));
        assertTrue(catalog.size() > 100, "the bundled catalog is served");
    }

    @Test
    void aMissingOverlayDirectoryIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        CatalogException e = assertThrows(CatalogException.class, () -> CatalogProducer.load(List.of(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
