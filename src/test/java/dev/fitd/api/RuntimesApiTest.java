package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * fitd against fake local runtimes (LM Studio with seed 000 verbatim, Ollama, a Jan that hangs):
 * rows say what is installed and loaded, /api/v1/runtimes says who answered, and the hanging runtime
 * does not slow any answer.
 */
@QuarkusTest
@TestProfile(RuntimesApiTest.WithFakeRuntimes.class)
class RuntimesApiTest {

    public static class WithFakeRuntimes implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeRuntimes.class));
        }
    }

    /**
     * The first polls run in the background right after start-up; wait (bounded) until both answered, and fail
     * naming what was not polled when they do not: a test must not run on an empty inventory and pass.
     */
    @BeforeEach
    void awaitFirstPolls() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonPath j = null;
        while (System.currentTimeMillis() < deadline) {
            j = given().get("/api/v1/runtimes").jsonPath();
            if (j.getInt("installed_models") >= 5 && j.getInt("loaded_instances") >= 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the fake runtimes' first polls did not arrive within 15 s: wanted at least 5 installed"
                + " models and 1 loaded instance, last saw " + (j == null ? "no answer" : j.getInt("installed_models")
                + " installed and " + j.getInt("loaded_instances") + " loaded; statuses " + j.getList("runtimes")));
    }

    static Map<String, Object> status(JsonPath j, String runtime) {
        return j.<Map<String, Object>>getList("runtimes").stream().filter(s -> runtime.equals(s.get("runtime")))
                .findFirst().orElseThrow(() -> new AssertionError("no status for " + runtime));
    }

    @Test
    void runtimesEndpointReportsEachRuntime() throws InterruptedException {
        JsonPath j = given().get("/api/v1/runtimes").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
        long deadline = System.currentTimeMillis() + 15_000;
        while (status(j, "jan").get("last_error") == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(200); // Jan's first poll ends only when its 5 s read timeout does
            j = given().get("/api/v1/runtimes").jsonPath();
        }
        assertEquals(true, status(j, "lmstudio").get("reachable"));
        assertEquals(3, status(j, "lmstudio").get("installed_count"));
        assertEquals(true, status(j, "ollama").get("reachable"));
        Map<String, Object> jan = status(j, "jan");
        assertEquals(false, jan.get("reachable"));
        assertNotNull(jan.get("last_error"));
    }

    @Test
    void installedModelsAreJoinedOntoCatalogRows() {
        JsonPath j = given().get("/api/v1/models?installed=true&limit=100").then().statusCode(200).extract().jsonPath();
        List<String> keys = j.getList("models.key", String.class);
        assertTrue(keys.contains("meta-llama/Llama-3.2-3B-Instruct"), keys.toString());
        assertTrue(keys.contains("nomic-ai/nomic-embed-text-v1.5"), keys.toString());
        assertTrue(j.getList("models.installed", Boolean.class).stream().allMatch(b -> b));
        Map<String, Object> llama = j.<Map<String, Object>>getList("models").stream()
                .filter(m -> m.get("key").equals("meta-llama/Llama-3.2-3B-Instruct")).findFirst().orElseThrow();
        List<Map<String, Object>> copies = (List<Map<String, Object>>) llama.get("installed_in");
        assertEquals("ollama", copies.get(0).get("runtime"));
        assertEquals("llama3.2:latest", copies.get(0).get("id"));
        assertEquals("Q4_K_M", ((Map<String, Object>) llama.get("quantization")).get("name"),
                "an installed model is graded at its installed quantization");
        assertTrue(llama.get("notes").toString().contains("installed Q4_K_M copy"), llama.get("notes").toString());
        assertEquals(2019393189L, ((Number) llama.get("size_bytes")).longValue(),
                "figures use the installed file's exact size (Ollama's size for llama3.2:latest)");
        assertFalse(keys.contains("openai/gpt-oss-120b"), "cloud models are not installed");
    }

    @Test
    void anInstalledModelNobodyDescribesStillBecomesARow() {
        // Seed 000's Gemma 4 26B A4B: not in the catalog, and LM Studio reports no architecture.
        JsonPath j = given().get("/api/v1/models/gemma-4-26b-a4b").then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = j.getMap("models[0]");
        assertEquals("google/gemma-4-26b-a4b", row.get("key"));
        assertEquals(true, row.get("installed"));
        assertEquals(17990911801L, ((Number) row.get("size_bytes")).longValue());
        assertEquals("Q4_K_M", ((Map<String, Object>) row.get("quantization")).get("name"));
        assertTrue(row.get("notes").toString().contains("lower bound"), row.get("notes").toString());
        assertTrue(List.of("marginal", "too_tight").contains(row.get("fit_level")));
    }

    @Test
    void loadedInstancesAndTheLoadedFilter() {
        // Ollama's ps lists llama3.2:latest; seed 000 shows Gemma 4 loaded in LM Studio.
        JsonPath j = given().get("/api/v1/models?loaded=true&sort=params").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("google/gemma-4-26b-a4b", "meta-llama/Llama-3.2-3B-Instruct"),
                j.getList("models.key", String.class));
        Map<String, Object> gemma = (Map<String, Object>) j.<Map<String, Object>>getList("models.loaded_instances[0]").get(0);
        assertEquals("lmstudio", gemma.get("runtime"));
        Map<String, Object> config = (Map<String, Object>) gemma.get("config");
        assertEquals(4096, config.get("context_length"));
        assertEquals(4, config.get("parallel"));
        assertEquals(true, config.get("flash_attention"));
        Map<String, Object> llama = (Map<String, Object>) j.<Map<String, Object>>getList("models.loaded_instances[1]").get(0);
        assertEquals("ollama", llama.get("runtime"));
        int notLoaded = given().get("/api/v1/models?loaded=false").jsonPath().getInt("total_models");
        int all = given().get("/api/v1/models").jsonPath().getInt("total_models");
        assertEquals(all - 2, notLoaded);
    }

    @Test
    void notInstalledRowsAreMarkedSo() {
        JsonPath j = given().get("/api/v1/models?installed=false&limit=3").then().statusCode(200).extract().jsonPath();
        assertTrue(j.getList("models.installed", Boolean.class).stream().noneMatch(b -> b));
        assertTrue(j.getList("models.installed_in").stream().allMatch(l -> ((List<?>) l).isEmpty()));
    }

    @Test
    void aHangingRuntimeDoesNotDelayAnswers() {
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            given().get("/api/v1/models/top?max_context=" + (4096 + i)).then().statusCode(200);
            long ms = (System.nanoTime() - start) / 1_000_000;
            // The hanging Jan has a 5 s read timeout: an answer that waited for it would take 5 s or more.
            assertTrue(ms < 2000, "answer took " + ms + " ms");
        }
    }

    @Test
    void installedFilterValuesAreStrict() {
        given().get("/api/v1/models?installed=yes").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid installed value 'yes': use true|false"));
    }

    /** Issue 14: force_runtime=mlx answered 400 for every row as soon as a GGUF model was installed. */
    @Test
    void forceRuntimeMlxWithGgufModelsInstalledIsAnswered() {
        io.restassured.path.json.JsonPath j = given().get("/api/v1/models?force_runtime=mlx&installed=true")
                .then().statusCode(200).extract().jsonPath();
        java.util.List<String> runtimes = j.getList("models.runtime", String.class);
        assertFalse(runtimes.isEmpty(), "installed rows");
        assertTrue(runtimes.stream().allMatch("mlx"::equals), runtimes.toString());
        String notes = j.getList("models.notes").toString();
        assertTrue(notes.contains("is not loadable by mlx") || notes.contains("which mlx cannot load"), notes);
    }
}
