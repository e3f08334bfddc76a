package dev.fitd.inventory;

import dev.fitd.inventory.gguf.GgufArchitecture;
import dev.fitd.inventory.gguf.GgufFacts;
import dev.fitd.inventory.http.ParseResult;
import dev.fitd.inventory.jan.JanParser;
import dev.fitd.inventory.lmstudio.LmStudioParser;
import dev.fitd.inventory.ollama.OllamaParser;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelType;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuntimeParsersTest {

    private static RuntimeListing ok(ParseResult<RuntimeListing> r) {
        assertInstanceOf(ParseResult.Ok.class, r, () -> r.failure().orElse(""));
        return r.result().orElseThrow();
    }

    @Test
    void lmStudioV1Seed000() {
        RuntimeListing l = ok(LmStudioParser.parseV1(Fixtures.read("lmstudio/v1-seed-000.json")));
        assertEquals(3, l.installed().size());
        InstalledModel gemma = l.installed().get(0);
        assertEquals(RuntimeKind.LMSTUDIO, gemma.runtime());
        assertEquals("google/gemma-4-26b-a4b", gemma.id());
        assertEquals("Gemma 4 26B A4B", gemma.displayName());
        assertEquals("google", gemma.publisher());
        assertEquals(ModelType.LLM, gemma.type());
        assertEquals("gemma4", gemma.architecture());
        assertEquals("Q4_K_M", gemma.quantization());
        assertEquals(4.0, gemma.bitsPerWeight());
        assertEquals(17990911801L, gemma.sizeBytes());
        assertEquals("26B-A4B", gemma.paramsString());
        assertEquals(262144, gemma.maxContextLength());
        assertEquals("gguf", gemma.format());
        assertEquals("google/gemma-4-26b-a4b@q4_k_m", gemma.selectedVariant());
        assertTrue(gemma.capabilities().vision());
        assertTrue(gemma.capabilities().toolUse());
        assertEquals(List.of("off", "on"), gemma.capabilities().reasoning().allowedOptions());
        assertEquals("on", gemma.capabilities().reasoning().defaultOption());

        InstalledModel embed = l.installed().get(2);
        assertEquals(ModelType.EMBEDDING, embed.type());
        assertNull(embed.architecture());
        assertNull(embed.paramsString());
        assertNull(embed.capabilities());

        assertEquals(1, l.loaded().size());
        LoadedInstance inst = l.loaded().get(0);
        assertEquals("google/gemma-4-26b-a4b", inst.modelId());
        assertEquals("google/gemma-4-26b-a4b", inst.id());
        assertEquals(4096, inst.contextLength());
        assertEquals(512, inst.evalBatchSize());
        assertEquals(4, inst.parallel());
        assertEquals(true, inst.flashAttention());
        assertEquals(8, inst.numExperts());
        assertEquals(true, inst.offloadKvCacheToGpu());
        assertNull(inst.vramBytes());
        assertTrue(l.warnings().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lmstudio/v1-seed-001.json", "lmstudio/v1-seed-002.json"})
    void lmStudioV1Seeds001And002(String fixture) {
        RuntimeListing l = ok(LmStudioParser.parseV1(Fixtures.read(fixture)));
        assertEquals(List.of("gemma-3-270m-it-qat", "text-embedding-nomic-embed-text-v1.5-embedding"),
                l.installed().stream().map(InstalledModel::id).toList());
        InstalledModel gemma = l.installed().get(0);
        assertEquals("lmstudio-community", gemma.publisher());
        assertEquals("Q4_0", gemma.quantization());
        assertEquals(241410208L, gemma.sizeBytes());
        assertEquals("270M", gemma.paramsString());
        assertFalse(gemma.capabilities().vision());
        assertNull(gemma.capabilities().reasoning());
        LoadedInstance inst = l.loaded().get(0);
        assertEquals(4096, inst.contextLength());
        assertNull(inst.parallel(), "seed 001 has no parallel: unknown, not 0");
        assertEquals(false, inst.flashAttention());
        assertEquals(0, inst.numExperts());
    }

    @Test
    void lmStudioV1SkipsMalformedEntriesAndKeepsTheRest() {
        RuntimeListing l = ok(LmStudioParser.parseV1(Fixtures.read("lmstudio/v1-partly-malformed.json")));
        assertEquals(1, l.installed().size());
        InstalledModel qwen = l.installed().get(0);
        assertEquals("Q8_0", qwen.quantization(), "quantization from the selected variant when the object has none");
        assertNull(qwen.sizeBytes(), "a string size is unknown, not zero");
        assertEquals(1, l.loaded().size());
        assertEquals("qwen/qwen3-30b-a3b:2", l.loaded().get(0).id());
        assertNull(l.loaded().get(0).contextLength());
        assertEquals(2, l.loaded().get(0).parallel());
        assertEquals(3, l.warnings().size(), l.warnings().toString());
    }

    @Test
    void lmStudioV0() {
        RuntimeListing l = ok(LmStudioParser.parseV0(Fixtures.read("lmstudio/v0-models.json")));
        assertEquals(3, l.installed().size());
        InstalledModel vlm = l.installed().get(0);
        assertEquals("qwen2-vl-7b-instruct", vlm.id());
        assertEquals("mlx", vlm.format());
        assertEquals("4bit", vlm.quantization());
        assertEquals("qwen2_vl", vlm.architecture());
        assertTrue(vlm.capabilities().vision());
        InstalledModel llama = l.installed().get(1);
        assertTrue(llama.capabilities().toolUse());
        assertNull(llama.sizeBytes());
        assertEquals(ModelType.EMBEDDING, l.installed().get(2).type());
        assertEquals(List.of("meta-llama-3.1-8b-instruct"), l.loaded().stream().map(LoadedInstance::modelId).toList());
    }

    @Test
    void ollamaTagsSkipsCloudModels() {
        RuntimeListing l = ok(OllamaParser.parseTags(Fixtures.read("ollama/tags.json")));
        assertEquals(List.of("llama3.2:latest", "llama3.1:8b-instruct-q8_0", "nomic-embed-text:latest"),
                l.installed().stream().map(InstalledModel::id).toList());
        InstalledModel m = l.installed().get(0);
        assertEquals(RuntimeKind.OLLAMA, m.runtime());
        assertEquals(2019393189L, m.sizeBytes());
        assertEquals("Q4_K_M", m.quantization());
        assertEquals("3.2B", m.paramsString());
        assertEquals("llama", m.architecture());
        assertEquals("gguf", m.format());
        assertEquals("a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72", m.digest());
        assertEquals(2, l.warnings().size());
        assertTrue(l.warnings().get(0).contains("gpt-oss:120b-cloud"));
        assertTrue(l.warnings().get(1).contains("deepseek-v3.1:671b-cloud"));
    }

    @Test
    void ollamaTagsWithNullModelsIsEmpty() {
        assertTrue(ok(OllamaParser.parseTags(Fixtures.read("ollama/tags-empty-null.json"))).installed().isEmpty());
    }

    @Test
    void ollamaPs() {
        ParseResult<List<LoadedInstance>> r = OllamaParser.parsePs(Fixtures.read("ollama/ps.json"));
        LoadedInstance i = r.result().orElseThrow().get(0);
        assertEquals("llama3.2:latest", i.modelId());
        assertEquals(4096, i.contextLength());
        assertEquals(3731035136L, i.sizeBytes());
        assertEquals(2865577984L, i.vramBytes());
        assertEquals(Instant.parse("2025-05-05T17:42:23.158291Z"), i.expiresAt());
    }

    @Test
    void ollamaShowGivesGgufFactsAndAnArchitecture() {
        OllamaParser.Show show = OllamaParser.parseShow(Fixtures.read("ollama/show-llama3.2.json")).result().orElseThrow();
        GgufFacts f = show.facts();
        assertEquals("llama", f.architecture());
        assertEquals(28, f.blockCount());
        assertEquals(3072L, f.embeddingLength());
        assertEquals(8192L, f.feedForwardLength());
        assertEquals(24, f.headCount());
        assertEquals(8, f.headCountKv());
        assertEquals(128, f.keyLength());
        assertEquals(131072, f.contextLength());
        assertEquals(3212749888L, f.parameterCount());
        assertEquals(128256L, f.vocabSize());
        assertEquals("Q4_K_M", f.fileTypeName());
        assertNull(f.tiedEmbeddings());
        assertTrue(show.asCapabilities().toolUse());
        assertFalse(show.embeddingOnly());
        assertEquals(8, GgufArchitecture.derive(f).architecture().kvHeads());

        OllamaParser.Show nomic = OllamaParser.parseShow(Fixtures.read("ollama/show-nomic-embed-text.json")).result().orElseThrow();
        assertTrue(nomic.embeddingOnly());
        assertTrue(nomic.facts().isEmbedding());
    }

    @Test
    void ollamaVersion() {
        assertEquals("0.12.3", OllamaParser.parseVersion(Fixtures.read("ollama/version.json")).result().orElseThrow());
    }

    @Test
    void janFullModelObjects() {
        RuntimeListing l = ok(JanParser.parseModels(Fixtures.read("jan/models-full.json")));
        InstalledModel llama = l.installed().get(0);
        assertEquals(RuntimeKind.JAN, llama.runtime());
        assertEquals("llama3.2-3b-instruct", llama.id());
        assertEquals("Llama 3.2 3B Instruct Q8", llama.displayName());
        assertEquals("MetaAI", llama.publisher());
        assertEquals("Q8_0", llama.quantization(), "from the source file name");
        assertEquals(3420000000L, llama.sizeBytes());
        assertEquals(131072, llama.maxContextLength());
        assertEquals("gguf", llama.format());
        assertEquals(ModelType.EMBEDDING, l.installed().get(1).type());
        assertTrue(l.loaded().isEmpty(), "Jan's list says nothing about what is in memory");
    }

    @Test
    void janMinimalOpenAiObjects() {
        RuntimeListing l = ok(JanParser.parseModels(Fixtures.read("jan/models-minimal.json")));
        assertEquals(1, l.installed().size());
        assertEquals("Q4_K_M", l.installed().get(0).quantization());
        assertEquals("user", l.installed().get(0).publisher());
        assertEquals(1, l.warnings().size());
    }

    static Stream<Arguments> garbage() {
        List<Function<String, ParseResult<?>>> parsers = List.of(
                LmStudioParser::parseV1, LmStudioParser::parseV0, OllamaParser::parseTags, OllamaParser::parsePs,
                OllamaParser::parseShow, OllamaParser::parseVersion, JanParser::parseModels);
        List<String> bodies = List.of("", "   ", "not json {", "null", "[]", "42", "\"models\"", "{}",
                Fixtures.read("lmstudio/wrong-shape.json"), "{\"models\": {\"a\": 1}}", "{\"data\": 7}",
                "<html><body>502 Bad Gateway</body></html>", "{\"models\": [", "\u0000\u0001");
        return parsers.stream().flatMap(p -> bodies.stream().map(b -> Arguments.of(p, b)));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageIsATypedFailureNeverAnException(Function<String, ParseResult<?>> parser, String body) {
        ParseResult<?> r = parser.apply(body);
        assertInstanceOf(ParseResult.Failed.class, r, () -> "accepted: " + body);
        assertFalse(r.failure().orElseThrow().isBlank());
    }

    @Test
    void failureMessagesSayWhatWasExpected() {
        assertEquals("LM Studio /api/v1/models: expected an object with a \"models\" array, got an object with fields [data]",
                LmStudioParser.parseV1("{\"data\": []}").failure().orElseThrow());
        assertTrue(OllamaParser.parseTags("not json {").failure().orElseThrow().startsWith("Ollama /api/tags: invalid JSON"));
    }

    @Test
    void randomBytesNeverEscape() {
        Random random = new Random(7);
        String seed = Fixtures.read("lmstudio/v1-seed-000.json");
        for (int i = 0; i < 2000; i++) {
            char[] c = seed.toCharArray();
            for (int k = 0; k < 3; k++) {
                c[random.nextInt(c.length)] = (char) (32 + random.nextInt(95));
            }
            String body = new String(c);
            LmStudioParser.parseV1(body);
            LmStudioParser.parseV0(body);
            OllamaParser.parseTags(body);
            OllamaParser.parseShow(body);
            JanParser.parseModels(body);
        }
    }
}
