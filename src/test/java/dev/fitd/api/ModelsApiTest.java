package dev.fitd.api;

import static org.hamcrest.Matchers.containsString;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The /api/v1 contract end to end, against the bundled catalog and the pinned test hardware profile
 * (see {@code %test.fitd.hardware.profile}). Every example URL of seed 003 is requested verbatim; the
 * assertions check what the seed promises about the rows, not figures that the estimator may refine.
 */
@QuarkusTest
class ModelsApiTest {

    static JsonPath ok(String pathAndQuery) {
        Response r = given().urlEncodingEnabled(false).when().get(pathAndQuery);
        r.then().statusCode(200).contentType("application/json");
        return r.jsonPath();
    }

    static void badRequest(String pathAndQuery, String message) {
        given().urlEncodingEnabled(false).when().get(pathAndQuery).then().statusCode(400)
                .contentType("application/json").body("error", equalTo(message)).body("size()", equalTo(1));
    }

    static List<String> levels(JsonPath j) {
        return j.getList("models.fit_level", String.class);
    }

    @Test
    void envelopeHasEveryPart() {
        JsonPath j = ok("/api/v1/models");
        assertTrue(j.getInt("total_models") > 50, "bundled catalog is served");
        assertEquals(j.getInt("total_models"), j.getInt("returned_models"));
        assertEquals(j.getInt("total_models"), j.getList("models").size());
        for (String key : List.of("node.name", "node.os", "system.total_ram_gb", "filters.sort", "filters.min_fit")) {
            assertTrue(j.get(key) != null, key);
        }
        Map<String, Object> row = j.getMap("models[0]");
        for (String field : List.of("type", "publisher", "key", "display_name", "architecture", "quantization",
                "size_bytes", "params_string", "max_context_length", "format", "capabilities", "loaded_instances",
                "fit_level", "run_mode", "score", "score_components", "estimated_tps", "best_quant", "memory",
                "usable_context", "effective_context_length", "use_case", "release_date", "license", "installed",
                "notes", "estimate_basis")) {
            assertTrue(row.containsKey(field), "row has " + field);
        }
    }

    // --- Every example URL of seed 003, verbatim -------------------------------------------------

    @Test
    void seedPerfectTrue() {
        assertThat(levels(ok("/api/v1/models?perfect=true")), List.of("perfect"));
    }

    @Test
    void seedMinFitGoodAndMarginal() {
        assertThat(levels(ok("/api/v1/models?min_fit=good")), List.of("perfect", "good"));
        assertThat(levels(ok("/api/v1/models?min_fit=marginal")), List.of("perfect", "good", "marginal"));
    }

    @Test
    void seedIncludeTooTightFalse() {
        JsonPath all = ok("/api/v1/models");
        JsonPath runnable = ok("/api/v1/models?include_too_tight=false");
        assertThat(levels(runnable), List.of("perfect", "good", "marginal"));
        long tooTight = levels(all).stream().filter("too_tight"::equals).count();
        assertTrue(tooTight > 0, "the test profile leaves some models too tight");
        assertEquals(all.getInt("total_models") - tooTight, runnable.getInt("total_models"));
    }

    @Test
    void seedRuntimeFilters() {
        JsonPath llama = ok("/api/v1/models?runtime=llamacpp");
        assertTrue(llama.getInt("total_models") > 0);
        assertThat(llama.getList("models.runtime", String.class), List.of("llamacpp"));
        // the pinned test machine has an NVIDIA GPU and no MLX rows: the MLX filter is checked on an Apple chip
        JsonPath mlx = ok("/api/v1/models?runtime=mlx&gpu=Apple%20M2%20Max");
        assertTrue(mlx.getInt("total_models") > 0, "an Apple chip has MLX rows");
        assertThat(mlx.getList("models.runtime", String.class), List.of("mlx"));
        JsonPath llamaOnApple = ok("/api/v1/models?runtime=llamacpp&gpu=Apple%20M2%20Max");
        assertThat(llamaOnApple.getList("models.runtime", String.class), List.of("llamacpp"));
    }

    @Test
    void seedUseCaseFilters() {
        JsonPath coding = ok("/api/v1/models?use_case=coding");
        assertTrue(coding.getInt("total_models") > 0);
        assertThat(coding.getList("models.use_case", String.class), List.of("coding"));
        JsonPath reasoning = ok("/api/v1/models?use_case=reasoning");
        assertTrue(reasoning.getInt("total_models") > 0);
        assertThat(reasoning.getList("models.use_case", String.class), List.of("reasoning"));
    }

    @Test
    void seedProviderFilters() {
        JsonPath meta = ok("/api/v1/models?provider=Meta");
        assertTrue(meta.getInt("total_models") > 0);
        for (Map<String, Object> row : meta.<Map<String, Object>>getList("models")) {
            String both = (row.get("publisher") + " " + row.get("provider")).toLowerCase(Locale.ROOT);
            assertTrue(both.contains("meta"), both);
        }
        JsonPath qwen = ok("/api/v1/models?provider=qwen");
        assertTrue(qwen.getInt("total_models") > 0);
    }

    @Test
    void seedSearches() {
        assertTrue(ok("/api/v1/models?search=llama").getInt("total_models") > 0);
        JsonPath sevenB = ok("/api/v1/models?search=7B");
        assertTrue(sevenB.getInt("total_models") > 0);
        JsonPath coding = ok("/api/v1/models?search=coding");
        assertTrue(coding.getList("models.use_case", String.class).contains("coding"));
    }

    @Test
    void seedSorts() {
        // Issue 14: runnable rows before too_tight ones in every order; sort=tps ranks LLMs by decode speed, then
        // embedding models by prefill speed (they never decode).
        JsonPath byTps = ok("/api/v1/models?sort=tps");
        assertNonIncreasing(segment(byTps, "llm", false, "estimated_tps", Float.class));
        assertNonIncreasing(segment(byTps, "embedding", false, "estimated_prefill_tps", Float.class));
        assertRunnableFirstThenLlmsFirst(byTps, true);
        for (String sort : List.of("ctx", "params")) {
            JsonPath j = ok("/api/v1/models?sort=" + sort + "&include_too_tight=false");
            assertNonIncreasing(sort.equals("ctx") ? j.getList("models.max_context_length", Long.class)
                    : j.getList("models.params", Long.class));
            assertRunnableFirstThenLlmsFirst(ok("/api/v1/models?sort=" + sort), false);
        }
    }

    /** The values of {@code field} of the rows of one type, runnable or too_tight, in response order. */
    static <T> List<T> segment(JsonPath j, String type, boolean tooTight, String field, Class<T> cls) {
        List<String> types = j.getList("models.type", String.class);
        List<String> levels = j.getList("models.fit_level", String.class);
        List<T> values = j.getList("models." + field, cls);
        List<T> out = new java.util.ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).equals(type) && levels.get(i).equals("too_tight") == tooTight) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    static void assertRunnableFirstThenLlmsFirst(JsonPath j, boolean llmsFirst) {
        List<String> types = j.getList("models.type", String.class);
        List<String> levels = j.getList("models.fit_level", String.class);
        assertTrue(levels.contains("too_tight"), "the pinned machine has too_tight rows");
        for (int i = 1; i < levels.size(); i++) {
            boolean prevTight = levels.get(i - 1).equals("too_tight");
            boolean tight = levels.get(i).equals("too_tight");
            assertTrue(!prevTight || tight, "runnable row after a too_tight one at " + i);
            if (llmsFirst && prevTight == tight) {
                assertTrue(!types.get(i - 1).equals("embedding") || types.get(i).equals("embedding"),
                        "LLM after an embedding model at " + i);
            }
        }
    }

    @Test
    void seedMaxContext() {
        for (int ctx : new int[] {8192, 32768}) {
            JsonPath j = ok("/api/v1/models?max_context=" + ctx);
            assertEquals(ctx, j.getInt("filters.max_context"));
            for (Integer used : j.getList("models.effective_context_length", Integer.class)) {
                assertTrue(used <= ctx, "context " + used + " within " + ctx);
            }
        }
    }

    @Test
    void seedCommonCombinations() {
        JsonPath sched = ok("/api/v1/models/top?limit=5&min_fit=good&include_too_tight=false&sort=score");
        assertTrue(sched.getInt("returned_models") <= 5);
        assertThat(levels(sched), List.of("perfect", "good"));
        JsonPath coding = ok("/api/v1/models/top?use_case=coding&min_fit=good&limit=10");
        assertTrue(coding.getInt("returned_models") <= 10);
        assertThat(coding.getList("models.use_case", String.class), List.of("coding"));
        JsonPath fast = ok("/api/v1/models?sort=tps&min_fit=good&limit=20");
        assertTrue(fast.getInt("returned_models") <= 20);
        JsonPath longCtx = ok("/api/v1/models?max_context=32768&sort=ctx&min_fit=good");
        assertNonIncreasing(longCtx.getList("models.max_context_length", Integer.class));
        JsonPath meta = ok("/api/v1/models?provider=Meta&min_fit=marginal");
        assertThat(levels(meta), List.of("perfect", "good", "marginal"));
        JsonPath llamaTop = ok("/api/v1/models/top?runtime=llamacpp&limit=10");
        assertTrue(llamaTop.getInt("returned_models") <= 10);
    }

    // --- Defaults, aliases and precedence ---------------------------------------------------------

    @Test
    void endpointDefaults() {
        JsonPath models = ok("/api/v1/models");
        assertEquals((Object) null, models.get("filters.limit"));
        assertEquals(true, models.getBoolean("filters.include_too_tight"));
        JsonPath top = ok("/api/v1/models/top");
        assertEquals(5, top.getInt("filters.limit"));
        assertEquals(5, top.getInt("returned_models"));
        assertEquals(false, top.getBoolean("filters.include_too_tight"));
        assertFalse(levels(top).contains("too_tight"));
        assertEquals("score", top.getString("filters.sort"));
        assertEquals("marginal", top.getString("filters.min_fit"));
    }

    @Test
    void aliasesGiveTheSameAnswer() {
        assertEquals(ok("/api/v1/models?limit=3").getList("models.key"), ok("/api/v1/models?n=3").getList("models.key"));
        assertEquals(ok("/api/v1/models?sort=tps").getList("models.key"),
                ok("/api/v1/models?sort=throughput").getList("models.key"));
        assertEquals(ok("/api/v1/models?use_case=coding").getList("models.key"),
                ok("/api/v1/models?use_case=code").getList("models.key"));
        assertEquals(ok("/api/v1/models?runtime=llamacpp").getList("models.key"),
                ok("/api/v1/models?runtime=llama.cpp").getList("models.key"));
        assertEquals("tps", ok("/api/v1/models?sort=%20Tokens%20").getString("filters.sort"));
    }

    @Test
    void limitZeroAndLimitAfterSorting() {
        JsonPath zero = ok("/api/v1/models?limit=0");
        assertEquals(0, zero.getInt("returned_models"));
        assertTrue(zero.getInt("total_models") > 0);
        List<Object> all = ok("/api/v1/models?sort=params").getList("models.key");
        assertEquals(all.subList(0, 4), ok("/api/v1/models?sort=params&limit=4").getList("models.key"));
    }

    @Test
    void orderIsDeterministic() {
        assertEquals(ok("/api/v1/models?sort=use_case").getList("models.key"),
                ok("/api/v1/models?sort=use_case").getList("models.key"));
    }

    @Test
    void perfectOverridesMinFitAndIncludeTooTight() {
        assertThat(levels(ok("/api/v1/models?perfect=true&min_fit=marginal&include_too_tight=true")), List.of("perfect"));
    }

    // --- /models/{name} ---------------------------------------------------------------------------

    @Test
    void nameWithEncodedSlashAndExactMatchFirst() {
        JsonPath j = ok("/api/v1/models/meta-llama%2FLlama-3.1-8B-Instruct");
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", j.getString("models[0].key"));
        JsonPath plain = ok("/api/v1/models/meta-llama/Llama-3.1-8B-Instruct");
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", plain.getString("models[0].key"));
        JsonPath alias = ok("/api/v1/models/llama3.1:8b");
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", alias.getString("models[0].key"));
        assertEquals("llama3.1:8b", alias.getString("filters.name"));
    }

    @Test
    void anExactAliasIsTheOnlyRow() {
        // issue 18: llama3.1:8b used to return the base model too, through llama3.1:8b-text
        JsonPath alias = ok("/api/v1/models/llama3.1:8b");
        assertEquals(List.of("meta-llama/Llama-3.1-8B-Instruct"), alias.getList("models.key", String.class));
        assertEquals("alias", alias.getString("models[0].matched_by"));
        JsonPath key = ok("/api/v1/models/meta-llama/Llama-3.1-8B-Instruct");
        assertEquals(1, key.getInt("total_models"));
        assertEquals("exact", key.getString("models[0].matched_by"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "qwen2.5:7b-instruct-q4_K_M | Qwen/Qwen2.5-7B-Instruct",
            "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf | meta-llama/Llama-3.1-8B-Instruct",
            "unsloth%2FMeta-Llama-3.1-8B-Instruct-GGUF | meta-llama/Llama-3.1-8B-Instruct",
            "gemma-3-270m-it-qat | google/gemma-3-270m-it",
            "text-embedding-nomic-embed-text-v1.5-embedding | nomic-ai/nomic-embed-text-v1.5",
            "mlx-community/Qwen3-8B-8bit | Qwen/Qwen3-8B",
    })
    void namesAsRuntimesWriteThemResolveToOneRow(String name, String key) {
        JsonPath j = ok("/api/v1/models/" + name);
        assertEquals(List.of(key), j.getList("models.key", String.class), name);
        assertEquals("normalised", j.getString("models[0].matched_by"));
    }

    @Test
    void aTypoIs404WithDidYouMean() {
        given().when().get("/api/v1/models/Llama-3.1-8B-Instrcut").then().statusCode(404)
                .contentType("application/json")
                .body("error", containsString("did you mean meta-llama/Llama-3.1-8B-Instruct"))
                .body("did_you_mean[0]", equalTo("meta-llama/Llama-3.1-8B-Instruct"))
                .body("did_you_mean.size()", lessThanOrEqualTo(3));
    }

    @Test
    void aSubstringNameSaysSoAndListRowsSayNothing() {
        JsonPath j = ok("/api/v1/models/llama");
        assertTrue(j.getInt("total_models") > 1);
        assertTrue(j.getList("models.matched_by", String.class).stream().allMatch("substring"::equals));
        JsonPath all = ok("/api/v1/models?limit=3");
        assertTrue(all.getList("models.matched_by").stream().allMatch(java.util.Objects::isNull));
        assertTrue(all.getList("models.installed_stale", Boolean.class).stream().noneMatch(b -> b));
    }

    @Test
    void nameIsAndedWithSearch() {
        JsonPath j = ok("/api/v1/models/llama?search=70b");
        assertTrue(j.getInt("total_models") > 0);
        for (Map<String, Object> row : j.<Map<String, Object>>getList("models")) {
            String text = (row.get("key") + " " + row.get("display_name") + " " + row.get("aliases") + " "
                    + row.get("params_string")).toLowerCase(Locale.ROOT);
            assertTrue(text.contains("70b") && text.contains("llama"), text);
        }
        assertTrue(ok("/api/v1/models/llama").getInt("total_models") > j.getInt("total_models"));
    }

    @Test
    void unknownNameIs404Json() {
        given().when().get("/api/v1/models/no-such-model-anywhere").then().statusCode(404)
                .contentType("application/json").body("error", startsWith("no model matches 'no-such-model-anywhere'"));
    }

    // --- Errors -----------------------------------------------------------------------------------

    @Test
    void theFourSeedErrorBodiesExactly() {
        for (String endpoint : List.of("/api/v1/models", "/api/v1/models/top", "/api/v1/models/llama")) {
            badRequest(endpoint + "?min_fit=best", "invalid min_fit value: use perfect|good|marginal|too_tight");
            badRequest(endpoint + "?runtime=vllm", "invalid runtime value: use any|mlx|llamacpp");
            badRequest(endpoint + "?use_case=poetry",
                    "invalid use_case value: use general|coding|reasoning|chat|multimodal|embedding");
            badRequest(endpoint + "?sort=size", "invalid sort value: use score|tps|params|mem|ctx|date|use_case");
        }
        String body = given().when().get("/api/v1/models?sort=size").then().extract().asString();
        assertEquals("{\"error\":\"invalid sort value: use score|tps|params|mem|ctx|date|use_case\"}", body);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "limit=-1 => invalid limit value '-1': use a whole number from 0 to 2147483647",
            "limit=abc => invalid limit value 'abc': use a whole number from 0 to 2147483647",
            "max_context=0 => invalid max_context value '0': use a whole number from 1 to 10485760",
            "perfect=yes => invalid perfect value 'yes': use true|false",
            "include_too_tight=2 => invalid include_too_tight value '2': use true|false",
            "limit=1&limit=2 => parameter 'limit' was given more than once: give it once",
            "provider= => parameter 'provider' has an empty value: give a value or leave the parameter out",
            "quant=Q9_X => invalid quant value 'q9_x': use F32|",
    })
    void otherBadValuesAre400WithAMessage(String query, String messageStart) {
        given().urlEncodingEnabled(false).when().get("/api/v1/models?" + query).then().statusCode(400)
                .contentType("application/json").body("error", startsWith(messageStart));
    }

    @Test
    void unknownParameterIsNamed() {
        given().when().get("/api/v1/models/top?minfit=good").then().statusCode(400).contentType("application/json")
                .body("error", startsWith("unknown parameter 'minfit': valid parameters are limit, n, perfect, min_fit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nope", "/api/v2/models", "/nothing-here", "/api/v1/models/top/extra/..%2F"})
    void unknownPathsAreJson404(String path) {
        Response r = given().urlEncodingEnabled(false).when().get(path);
        assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " -> " + r.statusCode());
        r.then().contentType("application/json").body("error", notNullValue());
    }

    @Test
    void otherMethodsAreJson405() {
        given().when().post("/api/v1/models").then().statusCode(405).contentType("application/json")
                .body("error", notNullValue());
    }

    // --- /system and /health ----------------------------------------------------------------------

    @Test
    void systemHasTheConsumerShapePlusWhatFitdKnows() {
        JsonPath j = ok("/api/v1/system");
        for (String key : List.of("total_ram_gb", "available_ram_gb", "cpu_cores", "cpu_name", "has_gpu",
                "gpu_vram_gb", "gpu_name", "gpu_count", "unified_memory", "backend", "gpus", "provenance", "warnings")) {
            given().when().get("/api/v1/system").then().body("system", hasKey(key));
        }
        given().when().get("/api/v1/system").then().body("node", hasKey("name")).body("node", hasKey("os"))
                .body("system.total_ram_gb", greaterThan(0f))
                .body("system.available_ram_gb", lessThanOrEqualTo(j.getFloat("system.total_ram_gb")));
    }

    @Test
    void health() {
        given().when().get("/health").then().statusCode(200).contentType("application/json")
                .body("status", equalTo("ok")).body("node.name", notNullValue()).body("node.os", notNullValue());
    }

    // --- helpers ----------------------------------------------------------------------------------

    /** Every value is one of {@code allowed}, and there is at least one: "every item" of no rows proves nothing. */
    static void assertThat(List<String> values, List<String> allowed) {
        assertFalse(values.isEmpty(), "no rows to check against " + allowed);
        org.hamcrest.MatcherAssert.assertThat(values, everyItem(in(allowed)));
    }

    static <T extends Comparable<T>> void assertNonIncreasing(List<T> values) {
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1).compareTo(values.get(i)) >= 0,
                    "not sorted descending at " + i + ": " + values.get(i - 1) + " then " + values.get(i));
        }
        assertEquals(values.stream().sorted(Comparator.reverseOrder()).toList(), values);
    }
}
