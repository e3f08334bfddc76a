package dev.fitd.inventory.jan;

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

/** Jan's parser, fed captured answers from {@code src/test/resources/fixtures/runtimes/jan/}. */
class JanParserTest {

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
        List<Function<String, ParseResult<?>>> parsers = List.of(JanParser::parseModels);
        return parsers.stream().flatMap(p -> ParserProperties.GARBAGE.stream().map(b -> Arguments.of(p, b)));
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void garbageIsATypedFailureNeverAnException(Function<String, ParseResult<?>> parser, String body) {
        ParserProperties.failsTyped(parser, body);
    }

    @Test
    void randomBytesNeverEscape() {
        ParserProperties.mutatedSeeds(body -> {
            JanParser.parseModels(body);
        });
    }
}
