package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.service.CatalogService;
import io.quarkus.test.common.http.TestHTTPResource;
import dev.fitd.testsupport.LoadGenerator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The daemon keeps answering, fast, while a catalog overlay becomes unreadable, then malformed, then is
 * fixed: the overlay directory is checked every 200 ms (the scheduler's one-second tick makes that one
 * second), each broken state keeps the last good catalog and shows up as a warning, and the fix is
 * picked up without a restart. The micro-cache keeps answers for an hour here, so only the catalog
 * version can keep an answer of the old catalog from being sent again after a reload.
 */
@QuarkusTest
@TestProfile(CatalogReloadFaultTest.Reloading.class)
class CatalogReloadFaultTest {
    /** Fixed per JVM: the profile and the test instance are loaded by different class loaders. */
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "fitd-overlay-faults-" + ProcessHandle.current().pid());
    static final Path CUSTOM = DIR.resolve("custom.json");

    public static class Reloading implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                Files.writeString(CUSTOM, catalogFile(entry("acme/Fault-Base-8B", 8)));
                return Map.of(
                        "fitd.catalog.overlay-dirs", DIR.toString(),
                        "fitd.catalog.reload-interval", "200ms",
                        "fitd.response-cache.ttl", "1h",
                        "fitd.hardware.refresh-interval", "1h");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static String entry(String key, int kvHeads) {
        return """
                {"key": "%s", "display_name": "%s", "publisher": "acme", "provider": "Acme",
                 "type": "llm", "architecture": "llama", "params": 8030261248, "params_string": "8B",
                 "release_date": "2025-03-01", "license": "apache-2.0", "max_context_length": 131072,
                 "use_case": "chat", "tuning": "instruct", "capabilities": {"vision": false, "tool_use": true},
                 "formats": ["gguf"], "aliases": [],
                 "arch": {"layers": 32, "hidden_size": 4096, "ffn_size": 14336, "attention_heads": 32,
                          "kv_heads": %d, "head_dim": 128, "vocab_size": 128256, "tied_embeddings": false}}
                """.formatted(key, key.substring(key.indexOf('/') + 1), kvHeads);
    }

    static String catalogFile(String... entries) {
        return "{\"models\": [" + String.join(",", entries) + "]}";
    }

    /** Replaces {@code target} at once (rename), so a check never sees it half written or missing. */
    static void replace(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Replaces {@code target} at once with a link to a file whose read fails (tests run as root). */
    static void replaceWithUnreadable(Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of("/proc/self/mem"));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @TestHTTPResource("/")
    URL base;
    @Inject
    CatalogService catalogs;

    @Test
    void keepsAnsweringWhileAnOverlayIsUnreadableThenMalformedThenFixed() throws Exception {
        assertEquals("acme/Fault-Base-8B", modelKey("fault-base-8b"), "the overlay model is served at start");
        assertEquals(List.of(), catalogWarnings());
        long startVersion = catalogVersion();

        LoadGenerator load = LoadGenerator.start(base.toURI().resolve("/api/v1/models/top?limit=3"), 1);
        try {
            replaceWithUnreadable(CUSTOM);
            waitFor(() -> catalogWarnings().stream().anyMatch(w -> w.startsWith("catalog file " + CUSTOM + ": cannot be read")),
                    "the unreadable file is reported");
            assertBrokenButServing(startVersion);

            replace(CUSTOM, catalogFile(entry("acme/Fault-Base-8B", 0)));
            waitFor(() -> catalogWarnings().stream().anyMatch(w -> w.startsWith("catalog file " + CUSTOM
                    + ", entry 1 (acme/Fault-Base-8B): field arch.kv_heads: must be a positive integer, got 0")),
                    "the malformed file is reported with its entry and field");
            assertEquals(1, catalogWarnings().size(), "the unreadable file's warning is gone: " + catalogWarnings());
            assertBrokenButServing(startVersion);

            replace(CUSTOM, catalogFile(entry("acme/Fault-Base-8B", 8), entry("acme/Fault-Added-8B", 8)));
            waitFor(() -> catalogWarnings().isEmpty(), "the warning clears once the file is fixed");
            assertEquals("acme/Fault-Added-8B", modelKey("fault-added-8b"), "the model added by the fix is served");
            assertEquals("acme/Fault-Base-8B", modelKey("fault-base-8b"));
            assertTrue(catalogVersion() > startVersion, "the fix is a new catalog version");
            JsonPath ready = RestAssured.get("/q/health/ready").then().statusCode(200).extract().jsonPath();
            assertEquals(0, ready.getInt("checks.find { it.name == 'fitd' }.data.catalog_reload_errors"));
            assertNull(ready.getString("checks.find { it.name == 'fitd' }.data.catalog_warnings"), "no warning left in ready data");
            assertTrue(RestAssured.get("/q/metrics").asString().contains("fitd_catalog_reload_errors 0.0"));
        } finally {
            load.close();
            replace(CUSTOM, catalogFile(entry("acme/Fault-Base-8B", 8)));
        }
        LoadGenerator.Result r = load.stop();
        System.out.printf("catalog fault run: %d requests, worst %d ms%n", r.requests(), r.worstMillis());
        assertTrue(r.failures().isEmpty(), "every request answered 200: " + r.failures().subList(0, Math.min(5, r.failures().size())));
        assertTrue(r.requests() > 50, "requests were sent throughout: " + r.requests());
        assertTrue(r.worstMillis() < 2000, "no request waited on the overlay: worst " + r.worstMillis() + " ms");
    }

    /** While the overlay is broken: the last good catalog answers, and every report names the problem. */
    private void assertBrokenButServing(long goodVersion) {
        assertEquals("acme/Fault-Base-8B", modelKey("fault-base-8b"), "the last good catalog is served");
        assertEquals(goodVersion, catalogVersion(), "a failed reload does not change the catalog");
        JsonPath ready = RestAssured.get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", ready.getString("status"), "the last good catalog serves, so fitd stays ready");
        assertEquals(1, ready.getInt("checks.find { it.name == 'fitd' }.data.catalog_reload_errors"));
        String readyWarnings = ready.getString("checks.find { it.name == 'fitd' }.data.catalog_warnings");
        assertTrue(readyWarnings != null && readyWarnings.contains(CUSTOM.toString()), "ready data names the file: " + readyWarnings);
        String metrics = RestAssured.get("/q/metrics").asString();
        assertTrue(metrics.contains("fitd_catalog_reload_errors 1.0"), "the error gauge is set");
        assertTrue(metrics.contains("fitd_catalog_version " + goodVersion + ".0"), "the version gauge is the good one");
    }

    @Test
    void anAnswerOfTheOldCatalogIsNotSentAfterAReload() throws Exception {
        String target = "/api/v1/models/top?search=fault-cached&include_too_tight=true";
        Path cached = DIR.resolve("cached.json");
        try {
            JsonPath before = RestAssured.get(target).then().statusCode(200).extract().jsonPath();
            assertEquals(0, before.getInt("total_models"));
            long version = before.getLong("system.catalog_version");
            RestAssured.get(target).then().statusCode(200); // now kept by the micro-cache for an hour

            replace(cached, catalogFile(entry("acme/Fault-Cached-8B", 8)));
            catalogs.check(); // the job may have been first; either way the new catalog is in use now

            JsonPath after = RestAssured.get(target).then().statusCode(200).extract().jsonPath();
            assertTrue(after.getLong("system.catalog_version") > version, "answered from the reloaded catalog");
            assertEquals(1, after.getInt("total_models"), "the cached answer of the old catalog is not sent");
            assertEquals("acme/Fault-Cached-8B", after.getString("models[0].key"));
        } finally {
            Files.deleteIfExists(cached);
            catalogs.check();
        }
        assertEquals(0, RestAssured.get(target).jsonPath().getInt("total_models"), "removing the file removes the model");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        for (String f : List.of("custom.json", "custom.json.tmp", "cached.json", "cached.json.tmp")) {
            Files.deleteIfExists(DIR.resolve(f));
        }
        Files.deleteIfExists(DIR);
    }

    private static String modelKey(String name) {
        return RestAssured.get("/api/v1/models/" + name).then().statusCode(200).extract().jsonPath().getString("models[0].key");
    }

    private static long catalogVersion() {
        return RestAssured.get("/api/v1/system").then().statusCode(200).extract().jsonPath().getLong("system.catalog_version");
    }

    /** The catalog's warnings in /api/v1/system (the snapshot's own are left out). */
    private static List<String> catalogWarnings() {
        List<String> all = RestAssured.get("/api/v1/system").then().statusCode(200).extract().jsonPath()
                .getList("system.warnings", String.class);
        return all.stream().filter(w -> w.startsWith("catalog ")).toList();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
