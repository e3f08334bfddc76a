package dev.fitd.api;

import dev.fitd.fit.HardwarePlanner;
import dev.fitd.hardware.DeviceSpec;
import dev.fitd.hardware.DeviceTable;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /api/v1/plan} on the pinned test machine (one RTX 4090, 64 GiB): the question, llmfit's
 * response shape, and every kind of bad body.
 */
@QuarkusTest
class PlanApiTest {

    private static JsonPath plan(String body) {
        return given().body(body).post("/api/v1/plan").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    /** "What do I need for Llama-3.1-70B at 32k and 20 tok/s": data-centre cards, several consumer cards, no single 24 GB card. */
    @Test
    void llama70bAt32kAnd20TokensPerSecond() {
        JsonPath j = plan("{\"model\": \"Llama-3.1-70B\", \"context\": 32768, \"target_tps\": 20}");
        assertTrue(j.getString("model_name").startsWith("meta-llama/Llama-3.1-70B"), j.getString("model_name"));
        assertEquals("Q4_K_M", j.getString("quantization"));
        double minVram = j.getDouble("minimum.vram_gb");
        // 70.6e9 weights at Q4_K_M (~4.85 bits) ≈ 40 GiB, plus 10 GiB of f16 KV cache at 32k (80 layers × 8 KV heads × 128 × 2 × 2 B × 32768).
        assertTrue(minVram > 45 && minVram < 56, "minimum VRAM " + minVram);
        assertEquals(minVram / 0.8, j.getDouble("recommended.vram_gb"), 0.05);
        List<Map<String, Object>> options = j.getList("hardware_options");
        assertTrue(options.size() >= 5, "options: " + options);
        for (Map<String, Object> o : options) {
            assertTrue(((Number) o.get("estimated_tps")).doubleValue() >= 20, o.toString());
            assertTrue(List.of("gpu", "multi_gpu", "unified").contains(o.get("run_mode")), o.toString());
            assertFalse("too_tight".equals(o.get("fit_level")), o.toString());
            if (o.get("kind").equals("gpu") && o.get("quant").equals("Q4_K_M")) {
                assertTrue(((Number) o.get("total_vram_gb")).doubleValue() >= minVram, o.toString());
            }
        }
        List<String> names = options.stream().map(o -> (String) o.get("name")).toList();
        assertTrue(names.stream().anyMatch(n -> n.contains("H100")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.contains("A100")), names.toString());
        assertTrue(options.stream().anyMatch(o -> ((Number) o.get("count")).intValue() > 1), "several of a kind: " + names);
        assertFalse(options.stream().anyMatch(o -> o.get("name").equals("GeForce RTX 4090") && ((Number) o.get("count")).intValue() == 1),
                "one 24 GB card cannot hold 50 GiB");
        // this machine (one 4090, 64 GiB) cannot hold it on its GPU: the current status and upgrades say so
        assertFalse(List.of("gpu", "multi_gpu").contains(j.getString("current.run_mode")), j.getString("current.run_mode"));
        assertTrue(j.getList("upgrade_deltas.resource").contains("vram_gb"));
        assertEquals(List.of("gpu", "cpu_offload", "cpu_only"), j.getList("run_paths.path"));
        assertEquals(List.of("fp16", "q8_0", "q4_0"), j.getList("kv_alternatives.kv_quant"));
    }

    /** A lower target admits slower chips: Apple chips at 8 tok/s, each at a memory size it is sold with. */
    @Test
    void appleChipsAppearWhenTheyReachTheTarget() {
        JsonPath j = plan("{\"model\": \"meta-llama/Llama-3.1-70B-Instruct\", \"context\": 8192, \"target_tps\": 8}");
        List<Map<String, Object>> apple = j.getList("hardware_options.findAll { it.kind == 'apple' }");
        assertFalse(apple.isEmpty(), "apple options: " + j.getList("hardware_options.name"));
        for (Map<String, Object> o : apple) {
            assertTrue(((String) o.get("name")).startsWith("Apple M"), o.toString());
            DeviceSpec chip = DeviceTable.devices().stream().filter(d -> d.name().equals(o.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("not a table device: " + o));
            assertTrue(HardwarePlanner.memorySizes(chip).contains(((Number) o.get("memory_gb")).intValue()),
                    "a configuration the chip is sold with: " + o);
            assertEquals("unified", o.get("run_mode"));
        }
    }

    /** Asking for a quant forces it everywhere; a small model lists many options and reaches a target on this 4090. */
    @Test
    void aForcedQuantIsUsedByEveryOption() {
        JsonPath j = plan("{\"model\": \"llama3.1:8b\", \"context\": 8192, \"quant\": \"q8_0\", \"kv_quant\": \"q8_0\","
                + " \"target_tps\": null}");
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", j.getString("model_name"));
        assertEquals("Q8_0", j.getString("quantization"));
        assertEquals("q8_0", j.getString("kv_quant"));
        assertEquals(List.of("Q8_0"), j.getList("hardware_options.quant").stream().distinct().toList());
        assertEquals("gpu", j.getString("current.run_mode"));
        assertTrue(j.getDouble("current.estimated_tps") > 20);
    }

    @Test
    void whatIfHardwareChangesTheCurrentMachine() {
        assertEquals("gpu", plan("{\"model\": \"llama3.1:8b\", \"context\": 8192}").getString("current.run_mode"));
        JsonPath small = plan("{\"model\": \"llama3.1:8b\", \"context\": 8192, \"vram_gb\": 2, \"ram\": 4}");
        assertFalse(small.getString("current.run_mode").equals("gpu"), small.getString("current.run_mode"));
        assertTrue(small.getList("upgrade_deltas.resource").contains("vram_gb"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "|body",
        "not json|body",
        "[1]|body",
        "{\"context\": 8192}|'model' is required",
        "{\"model\": \"llama3.1:8b\"}|'context' is required",
        "{\"model\": 7, \"context\": 8192}|'model' must be a string",
        "{\"model\": \"llama3.1:8b\", \"context\": \"32k\"}|'context' must be a whole number",
        "{\"model\": \"llama3.1:8b\", \"context\": 1.5}|'context' must be a whole number",
        "{\"model\": \"llama3.1:8b\", \"context\": 0}|'context' must be between",
        "{\"model\": \"llama3.1:8b\", \"context\": 99999999999}|'context' must be between",
        "{\"model\": \"llama3.1:8b\", \"context\": 200000}|exceeds the maximum context",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"target_tps\": 0}|'target_tps' must be greater than 0",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"target_tps\": \"fast\"}|'target_tps' must be a number",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"quant\": \"Q9_Z\"}|Q9_Z",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"kv_quant\": \"tq\"}|kv_quant",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"ram_gb\": -1}|'ram_gb' must be greater than 0",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"memory\": 8, \"vram_gb\": 8}|alias",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"cpu_cores\": 0}|'cpu_cores' must be between",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"vram_gb\": 0}|'vram_gb' must be greater than 0",
        "{\"model\": \"llama3.1:8b\", \"context\": 8192, \"gpu\": \"H100\"}|unknown field 'gpu'",
        "{\"model\": \"\", \"context\": 8192}|'model' must not be empty",
    })
    void badBodiesAre400NamingTheField(String body, String message) {
        given().body(body == null ? "" : body).post("/api/v1/plan").then().statusCode(400)
                .contentType("application/json").body("error", containsString(message));
    }

    @Test
    void anUnknownModelIs404() {
        given().body("{\"model\": \"no-such-model-zzz\", \"context\": 4096}").post("/api/v1/plan").then()
                .statusCode(404).contentType("application/json").body("error", containsString("no-such-model-zzz"));
    }

    @Test
    void getIsNotAllowed() {
        given().get("/api/v1/plan").then().statusCode(405).contentType("application/json")
                .body("error", containsString("POST on /api/v1/plan"));
    }

    @Test
    void theLookupIsTheOneOfModelsByName() {
        String first = given().get("/api/v1/models/qwen2.5 7b?min_fit=too_tight&limit=1").then().statusCode(200)
                .extract().jsonPath().getString("models[0].key");
        plan("{\"model\": \"qwen2.5 7b\", \"context\": 4096}");
        given().body("{\"model\": \"qwen2.5 7b\", \"context\": 4096}").post("/api/v1/plan").then()
                .body("model_name", equalTo(first)).body("requested_model", equalTo("qwen2.5 7b"));
    }
}
