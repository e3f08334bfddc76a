package dev.fitd.inventory.lmstudio;

import static dev.fitd.inventory.ParserProperties.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelType;
import dev.fitd.inventory.Fixtures;
import dev.fitd.inventory.ParserProperties;
import dev.fitd.inventory.gguf.GgufArchitecture;
import dev.fitd.inventory.gguf.GgufFacts;
import dev.fitd.inventory.http.ParseResult;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** LM Studio's parser, fed captured answers from {@code src/test/resources/fixtures/runtimes/lmstudio/}. */
class LmStudioParserTest {

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


    static Stream<Arguments> garbage() {
        List<Function<String, ParseResult<?>>> parsers = List.of(LmStudioParser::parseV1, LmStudioParser::parseV0);
        return parsers.stream().flatMap(p -> ParserProperties.GARBAGE.stream().map(b -> Arguments.of(p, b)));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageIsATypedFailureNeverAnException(Function<String, ParseResult<?>> parser, String body) {
        ParserProperties.failsTyped(parser, body);
    }

    @Test
    void failureMessagesSayWhatWasExpected() {
        assertEquals("LM Studio /api/v1/models: expected an object with a \"models\" array, got an object with fields [data]",
                LmStudioParser.parseV1("{\"data\": []}").failure().orElseThrow());
    }

    @Test
    void randomBytesNeverEscape() {
        ParserProperties.mutatedSeeds(body -> {
            LmStudioParser.parseV1(body);
            LmStudioParser.parseV0(body);
        });
    }
}
