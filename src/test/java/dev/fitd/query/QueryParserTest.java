package dev.fitd.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.fit.FitLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParserTest {

    static final QueryParser PARSER = new QueryParser(
            vocabulary("quant", List.of("F16", "IQ2_XS", "Q4_K_M", "Q8_0")),
            vocabulary("kv_cache", List.of("bf16", "f16", "q4_0", "q8_0")));

    /** A stand-in for the estimator's vocabularies: canonical spelling, or the error naming the accepted ones. */
    static UnaryOperator<String> vocabulary(String parameter, List<String> names) {
        return value -> names.stream().filter(n -> n.equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("invalid " + parameter + " value '" + value + "': use "
                        + String.join("|", names)));
    }

    static Map<String, List<String>> params(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    static ModelQuery parse(Endpoint e, String... kv) {
        return PARSER.parse(e, e == Endpoint.NAME ? "llama" : null, params(kv));
    }

    static String error(Endpoint e, String... kv) {
        return assertThrows(QueryException.class, () -> parse(e, kv)).getMessage();
    }

    @Test
    void endpointDefaultsMatchTheSeedTable() {
        ModelQuery models = parse(Endpoint.MODELS);
        assertNull(models.limit());
        assertEquals(FitLevel.MARGINAL, models.minFit());
        assertTrue(models.includeTooTight());
        assertEquals(SortKey.SCORE, models.sort());
        assertFalse(models.perfect());
        assertEquals(RuntimeFilter.ANY, models.runtime());
        assertNull(models.useCase());
        assertNull(models.provider());
        assertNull(models.search());
        assertNull(models.maxContext());

        ModelQuery top = parse(Endpoint.TOP);
        assertEquals(5, top.limit());
        assertEquals(FitLevel.MARGINAL, top.minFit());
        assertFalse(top.includeTooTight());
        assertEquals(SortKey.SCORE, top.sort());

        ModelQuery name = parse(Endpoint.NAME);
        assertNull(name.limit());
        assertTrue(name.includeTooTight());
        assertEquals("llama", name.name());
    }

    @Test
    void limitAndItsAliasN() {
        assertEquals(10, parse(Endpoint.MODELS, "limit", "10").limit());
        assertEquals(5, parse(Endpoint.MODELS, "n", "5").limit());
        assertEquals(0, parse(Endpoint.TOP, "limit", "0").limit());
        assertEquals(7, parse(Endpoint.TOP, "n", " 7 ").limit());
        assertEquals("limit and n are the same parameter (n is an alias of limit): give one of them",
                error(Endpoint.MODELS, "limit", "1", "n", "1"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "limit => -1 => invalid limit value '-1': use a whole number from 0 to 2147483647",
            "limit => abc => invalid limit value 'abc': use a whole number from 0 to 2147483647",
            "limit => 1.5 => invalid limit value '1.5': use a whole number from 0 to 2147483647",
            "limit => 99999999999 => invalid limit value '99999999999': use a whole number from 0 to 2147483647",
            "n => ten => invalid n value 'ten': use a whole number from 0 to 2147483647",
            "max_context => 0 => invalid max_context value '0': use a whole number from 1 to 10485760",
            "max_context => -5 => invalid max_context value '-5': use a whole number from 1 to 10485760",
            "max_context => 32k => invalid max_context value '32k': use a whole number from 1 to 10485760",
            "max_context => 20000000 => invalid max_context value '20000000': use a whole number from 1 to 10485760",
            "perfect => yes => invalid perfect value 'yes': use true|false",
            "perfect => 1 => invalid perfect value '1': use true|false",
            "include_too_tight => maybe => invalid include_too_tight value 'maybe': use true|false",
            "force_runtime => vllm => invalid force_runtime value 'vllm': use llamacpp|mlx (llama.cpp and llama_cpp mean llamacpp)",
            "force_runtime => any => invalid force_runtime value 'any': use llamacpp|mlx (llama.cpp and llama_cpp mean llamacpp)",
            "quant => q9_k => invalid quant value 'q9_k': use F16|IQ2_XS|Q4_K_M|Q8_0",
            "kv_cache => fp8 => invalid kv_cache value 'fp8': use bf16|f16|q4_0|q8_0",
            "ram_gb => 0 => invalid ram_gb value '0': use a number of GiB above 0 up to 65536 (digits and an optional decimal point)",
            "ram_gb => nan => invalid ram_gb value 'nan': use a number of GiB above 0 up to 65536 (digits and an optional decimal point)",
            "ram_gb => 1e3 => invalid ram_gb value '1e3': use a number of GiB above 0 up to 65536 (digits and an optional decimal point)",
            "vram_gb => -8 => invalid vram_gb value '-8': use a number of GiB above 0 up to 4096 (digits and an optional decimal point)",
            "vram_gb => 5000 => invalid vram_gb value '5000': use a number of GiB above 0 up to 4096 (digits and an optional decimal point)",
            "cpu_cores => 0 => invalid cpu_cores value '0': use a whole number from 1 to 4096",
            "gpu_count => 300 => invalid gpu_count value '300': use a whole number from 0 to 256",
    })
    void badValuesNameTheParameterTheValueAndWhatIsAccepted(String name, String value, String message) {
        assertEquals(message, error(Endpoint.MODELS, name, value));
    }

    @Test
    void theFourSeedErrorsAreVerbatim() {
        assertEquals("invalid min_fit value: use perfect|good|marginal|too_tight", error(Endpoint.MODELS, "min_fit", "best"));
        assertEquals("invalid runtime value: use any|mlx|llamacpp", error(Endpoint.MODELS, "runtime", "vllm"));
        assertEquals("invalid use_case value: use general|coding|reasoning|chat|multimodal|embedding",
                error(Endpoint.TOP, "use_case", "poetry"));
        assertEquals("invalid sort value: use score|tps|params|mem|ctx|date|use_case", error(Endpoint.NAME, "sort", "size"));
    }

    @ParameterizedTest
    @CsvSource({
            "score,SCORE", "tps,TPS", "tokens,TPS", "throughput,TPS", "params,PARAMS", "parameters,PARAMS",
            "mem,MEM", "memory,MEM", "mem_pct,MEM", "utilization,MEM", "ctx,CTX", "context,CTX", "date,DATE",
            "release,DATE", "released,DATE", "use_case,USE_CASE", "use,USE_CASE", "usecase,USE_CASE",
            "' TPS ',TPS", "Score,SCORE"})
    void sortAliases(String value, SortKey expected) {
        assertEquals(expected, parse(Endpoint.MODELS, "sort", value).sort());
    }

    @ParameterizedTest
    @CsvSource({
            "general,GENERAL", "coding,CODING", "code,CODING", "reasoning,REASONING", "reason,REASONING",
            "chat,CHAT", "multimodal,MULTIMODAL", "vision,MULTIMODAL", "embedding,EMBEDDING", "embed,EMBEDDING",
            "CODE,CODING", "' Vision ',MULTIMODAL"})
    void useCaseAliases(String value, UseCase expected) {
        assertEquals(expected, parse(Endpoint.MODELS, "use_case", value).useCase());
    }

    @ParameterizedTest
    @CsvSource({"any,ANY", "mlx,MLX", "llamacpp,LLAMACPP", "llama.cpp,LLAMACPP", "llama_cpp,LLAMACPP", "LlamaCpp,LLAMACPP"})
    void runtimeAliases(String value, RuntimeFilter expected) {
        assertEquals(expected, parse(Endpoint.MODELS, "runtime", value).runtime());
    }

    @ParameterizedTest
    @CsvSource({"perfect,PERFECT", "good,GOOD", "marginal,MARGINAL", "too_tight,TOO_TIGHT", "GOOD,GOOD"})
    void minFitValues(String value, FitLevel expected) {
        assertEquals(expected, parse(Endpoint.MODELS, "min_fit", value).minFit());
    }

    @Test
    void includeTooTightRule() {
        // Not given, min_fit not given: the endpoint default.
        assertTrue(parse(Endpoint.MODELS).includeTooTight());
        assertFalse(parse(Endpoint.TOP).includeTooTight());
        assertTrue(parse(Endpoint.NAME).includeTooTight());
        // min_fit given: too_tight rows only when min_fit admits them.
        assertFalse(parse(Endpoint.MODELS, "min_fit", "good").includeTooTight());
        assertFalse(parse(Endpoint.MODELS, "min_fit", "marginal").includeTooTight());
        assertTrue(parse(Endpoint.TOP, "min_fit", "too_tight").includeTooTight());
        // Explicit always wins.
        assertTrue(parse(Endpoint.TOP, "include_too_tight", "true").includeTooTight());
        assertFalse(parse(Endpoint.MODELS, "include_too_tight", "false").includeTooTight());
        // min_fit first: include_too_tight adds too_tight rows only when min_fit is too_tight or not given.
        assertFalse(parse(Endpoint.MODELS, "min_fit", "good", "include_too_tight", "true").includeTooTight());
        assertFalse(parse(Endpoint.TOP, "min_fit", "marginal", "include_too_tight", "true").includeTooTight());
        assertTrue(parse(Endpoint.TOP, "min_fit", "too_tight", "include_too_tight", "true").includeTooTight());
        assertFalse(parse(Endpoint.MODELS, "min_fit", "too_tight", "include_too_tight", "false").includeTooTight());
        assertFalse(parse(Endpoint.MODELS, "perfect", "true", "include_too_tight", "true").includeTooTight());
    }

    @Test
    void perfectOverridesMinFit() {
        ModelQuery q = parse(Endpoint.MODELS, "perfect", "true", "min_fit", "marginal", "include_too_tight", "true");
        assertTrue(q.admits(FitLevel.PERFECT));
        assertFalse(q.admits(FitLevel.GOOD));
        assertFalse(q.admits(FitLevel.TOO_TIGHT));
        ModelQuery notPerfect = parse(Endpoint.MODELS, "perfect", "FALSE", "min_fit", "good");
        assertTrue(notPerfect.admits(FitLevel.GOOD));
        assertFalse(notPerfect.admits(FitLevel.MARGINAL));
    }

    @Test
    void admitsFollowsMinFitAndIncludeTooTight() {
        ModelQuery models = parse(Endpoint.MODELS);
        for (FitLevel l : FitLevel.values()) {
            assertTrue(models.admits(l), l.name());
        }
        ModelQuery good = parse(Endpoint.MODELS, "min_fit", "good");
        assertTrue(good.admits(FitLevel.PERFECT));
        assertTrue(good.admits(FitLevel.GOOD));
        assertFalse(good.admits(FitLevel.MARGINAL));
        assertFalse(good.admits(FitLevel.TOO_TIGHT));
        ModelQuery top = parse(Endpoint.TOP);
        assertTrue(top.admits(FitLevel.MARGINAL));
        assertFalse(top.admits(FitLevel.TOO_TIGHT));
        ModelQuery goodPlusTight = parse(Endpoint.MODELS, "min_fit", "good", "include_too_tight", "true");
        assertFalse(goodPlusTight.admits(FitLevel.MARGINAL));
        assertFalse(goodPlusTight.admits(FitLevel.TOO_TIGHT));
    }

    @Test
    void unknownParameterIsNamedWithTheValidOnes() {
        String msg = error(Endpoint.MODELS, "minfit", "good");
        assertTrue(msg.startsWith("unknown parameter 'minfit': valid parameters are limit, n, perfect, min_fit,"), msg);
        assertTrue(msg.contains("gpu_count"), msg);
    }

    @Test
    void repeatedAndEmptyParametersAreRejected() {
        assertEquals("parameter 'limit' was given more than once: give it once",
                error(Endpoint.MODELS, "limit", "1", "limit", "2"));
        assertEquals("parameter 'sort' was given more than once: give it once",
                error(Endpoint.MODELS, "sort", "tps", "SORT", "tps"));
        assertEquals("parameter 'provider' has an empty value: give a value or leave the parameter out",
                error(Endpoint.MODELS, "provider", "  "));
    }

    @Test
    void namesAndValuesAreTrimmedAndCaseInsensitive() {
        ModelQuery q = parse(Endpoint.MODELS, " Limit ", " 3 ", "PROVIDER", " Meta ", "Search", "Llama",
                "min_fit", " Good ");
        assertEquals(3, q.limit());
        assertEquals("meta", q.provider());
        assertEquals("llama", q.search());
        assertEquals(FitLevel.GOOD, q.minFit());
    }

    @Test
    void whatIfAndEstimateParameters() {
        ModelQuery q = parse(Endpoint.MODELS, "max_context", "32768", "quant", "q4_k_m", "kv_cache", "Q8_0",
                "force_runtime", "llama.cpp", "ram_gb", "64", "vram_gb", "24.5", "cpu_cores", "16",
                "gpu", " NVIDIA GeForce RTX 4090 ", "gpu_count", "2");
        assertEquals(32768, q.maxContext());
        assertEquals("Q4_K_M", q.quant());
        assertEquals("q8_0", q.kvCache());
        assertEquals(InferenceRuntime.LLAMACPP, q.forceRuntime());
        assertEquals(64.0, q.hardware().ramGb());
        assertEquals(24.5, q.hardware().vramGb());
        assertEquals(16, q.hardware().cpuCores());
        assertEquals("NVIDIA GeForce RTX 4090", q.hardware().gpuName());
        assertEquals(2, q.hardware().gpuCount());
        assertEquals(32768, q.estimateRequest().contextTokens());
        assertEquals("Q4_K_M", q.estimateRequest().quant());
    }

    @Test
    void effectiveFiltersEchoResolvedAliases() {
        Map<String, Object> f = parse(Endpoint.TOP, "n", "3", "sort", "throughput", "use_case", "code",
                "runtime", "llama_cpp").effectiveFilters();
        assertEquals(3, f.get("limit"));
        assertEquals("tps", f.get("sort"));
        assertEquals("coding", f.get("use_case"));
        assertEquals("llamacpp", f.get("runtime"));
        assertEquals(false, f.get("include_too_tight"));
        assertEquals("marginal", f.get("min_fit"));
        assertEquals("llm", f.get("type"));
    }

    @Test
    void typeValuesAliasesDefaultsAndContradictions() {
        assertEquals(ModelType.LLM, parse(Endpoint.TOP).type());
        assertNull(parse(Endpoint.MODELS).type());
        assertNull(parse(Endpoint.NAME).type());
        assertEquals(ModelType.EMBEDDING, parse(Endpoint.TOP, "use_case", "embedding").type());
        assertEquals(ModelType.EMBEDDING, parse(Endpoint.MODELS, "use_case", "embed").type());
        for (String v : List.of("llm", "LLM", "text", "generative")) {
            assertEquals(ModelType.LLM, parse(Endpoint.MODELS, "type", v).type(), v);
        }
        for (String v : List.of("embedding", "embed", "Embeddings")) {
            assertEquals(ModelType.EMBEDDING, parse(Endpoint.TOP, "type", v).type(), v);
        }
        assertEquals("any", parse(Endpoint.MODELS).effectiveFilters().get("type"));
        assertEquals("embedding", parse(Endpoint.TOP, "type", "embed").effectiveFilters().get("type"));
        assertEquals("runnable rows before too_tight ones; LLMs before embedding models; score, highest first; "
                + "ties by score, then key A-Z", parse(Endpoint.MODELS).effectiveFilters().get("order"));
        assertEquals("runnable rows before too_tight ones; score, highest first; ties by score, then key A-Z",
                parse(Endpoint.TOP).effectiveFilters().get("order"));
        assertEquals("invalid type value: use llm|embedding (aliases: text, generative; embed, embeddings)",
                error(Endpoint.MODELS, "type", "chat"));
        assertTrue(error(Endpoint.TOP, "type", "llm", "use_case", "embedding").contains("contradicts"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyPathNameIsRejected(String name) {
        assertThrows(QueryException.class, () -> PARSER.parse(Endpoint.NAME, name, Map.of()));
    }

    @Test
    void hostileValuesAreShortenedInMessages() {
        String huge = "x".repeat(100_000);
        String msg = error(Endpoint.MODELS, "limit", huge);
        assertTrue(msg.length() < 200, msg);
        assertTrue(error(Endpoint.MODELS, "search", huge).contains("longer than 200 characters"));
        assertTrue(error(Endpoint.MODELS, "search", "a\u0000b").contains("control characters"));
    }
}
