package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.CatalogException;
import dev.fitd.catalog.CatalogLoader;
import dev.fitd.catalog.CatalogReadException;
import dev.fitd.catalog.CatalogState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile catalog overlays (fitd.catalog.overlay-dirs) at start. Malformed content still stops start-up
 * naming the file, the entry and the field (the catalog's fail-fast design). A file whose read fails
 * says nothing about its content: fitd starts with the bundled catalog plus the readable overlays,
 * names the file in a warning, and the reload job tries it again. Nothing in an overlay can make
 * start-up or a check hang. Tests run as root here, so "unreadable" is a file whose read fails
 * (/proc/self/mem), not a chmod.
 */
class CatalogOverlayFaultTest {
    private static final int BUNDLED = new CatalogLoader().load(List.of()).size();

    /** A catalog file of one dense entry; {@code kvHeads} 0 makes it malformed. */
    static String catalogFile(String key, int kvHeads) {
        return """
                {"models": [{"key": "%s", "display_name": "Test", "publisher": "%s", "provider": "Acme",
                  "type": "llm", "architecture": "llama", "params": 8030261248, "params_string": "8B",
                  "release_date": "2025-03-01", "license": "apache-2.0", "max_context_length": 131072,
                  "use_case": "chat", "tuning": "instruct", "capabilities": {"vision": false, "tool_use": true},
                  "formats": ["gguf"], "aliases": [],
                  "arch": {"layers": 32, "hidden_size": 4096, "ffn_size": 14336, "attention_heads": 32,
                           "kv_heads": %d, "head_dim": 128, "vocab_size": 128256, "tied_embeddings": false}}]}
                """.formatted(key, key.substring(0, key.indexOf('/')), kvHeads);
    }

    private static CatalogService start(Path dir) {
        return new CatalogService(new CatalogServiceTest.Config(java.util.Optional.of(List.of(dir)), "10s"));
    }

    @Test
    void aFileThatCannotBeReadIsLeftOutAtStartAndNamedInAWarning(@TempDir Path dir) throws Exception {
        Path evil = Files.createSymbolicLink(dir.resolve("evil.json"), Path.of("/proc/self/mem"));
        CatalogService service = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> start(dir));
        CatalogState state = service.current();
        assertEquals(BUNDLED, state.catalog().size(), "the bundled catalog is served");
        assertEquals(1, state.warnings().size(), state.warnings().toString());
        String warning = state.warnings().get(0);
        assertTrue(warning.contains(evil.toString()) && warning.contains("cannot be read"), warning);
    }

    @Test
    void theLoaderTellsAReadFailureFromMalformedContentByType(@TempDir Path dir) throws Exception {
        Path evil = Files.createSymbolicLink(dir.resolve("evil.json"), Path.of("/proc/self/mem"));
        CatalogException strict = assertThrows(CatalogException.class, () -> new CatalogLoader().load(List.of(dir)));
        assertTrue(strict instanceof CatalogReadException, strict.toString());
        CatalogLoader.Overlays lenient = new CatalogLoader().readOverlays(List.of(dir));
        assertEquals(List.of(List.of()), lenient.sources());
        assertEquals(1, lenient.unreadable().size());
        assertTrue(lenient.unreadable().get(0).getMessage().startsWith("catalog file " + evil + ": cannot be read: "));
    }

    @Test
    void aMalformedFileStillStopsStartUpNamingFileEntryAndField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("custom.json"), catalogFile("acme/Bad", 0));
        CatalogException e = assertThrows(CatalogException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> start(dir)));
        assertFalse(e instanceof CatalogReadException);
        assertEquals("catalog file " + dir.toAbsolutePath().normalize().resolve("custom.json")
                + ", entry 1 (acme/Bad): field arch.kv_heads: must be a positive integer, got 0", e.getMessage());
    }

    @Test
    void aFifoOrADeviceNamedLikeACatalogFileIsSkippedNotWaitedOn(@TempDir Path dir) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("fifo.json").toString()).start();
        assertTrue(mkfifo.waitFor() == 0);
        Files.createSymbolicLink(dir.resolve("zero.json"), Path.of("/dev/zero"));
        Files.createDirectories(dir.resolve("dir.json"));
        CatalogService service = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> start(dir));
        assertEquals(BUNDLED, service.current().catalog().size(), "the bundled catalog is served");
        assertEquals(List.of(), service.current().warnings(), "skipped, not reported: they are not catalog files");
        // a reload with them still there does not wait on them either
        Files.writeString(dir.resolve("real.json"), catalogFile("acme/Real-8B", 8));
        assertTimeoutPreemptively(Duration.ofSeconds(10), service::check);
        assertEquals(2, service.current().version());
        assertEquals(BUNDLED + 1, service.current().catalog().size());
    }

    @Test
    void aMissingOverlayDirectoryIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        CatalogException e = assertThrows(CatalogException.class, () -> start(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
