package dev.fitd.inventory.ollama;

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

/** Ollama's parser, fed captured answers from {@code src/test/resources/fixtures/runtimes/ollama/}. */
class OllamaParserTest {

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


    static Stream<Arguments> garbage() {
        List<Function<String, ParseResult<?>>> parsers = List.of(OllamaParser::parseTags, OllamaParser::parsePs,
                OllamaParser::parseShow, OllamaParser::parseVersion);
        return parsers.stream().flatMap(p -> ParserProperties.GARBAGE.stream().map(b -> Arguments.of(p, b)));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageIsATypedFailureNeverAnException(Function<String, ParseResult<?>> parser, String body) {
        ParserProperties.failsTyped(parser, body);
    }

    @Test
    void failureMessagesSayWhatWasExpected() {
        assertTrue(OllamaParser.parseTags("not json {").failure().orElseThrow().startsWith("Ollama /api/tags: invalid JSON"));
    }

    @Test
    void randomBytesNeverEscape() {
        ParserProperties.mutatedSeeds(body -> {
            OllamaParser.parseTags(body);
            OllamaParser.parseShow(body);
        });
    }
}
