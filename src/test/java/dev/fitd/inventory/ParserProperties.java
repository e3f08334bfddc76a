package dev.fitd.inventory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.fitd.inventory.http.ParseResult;
import dev.fitd.inventory.source.RuntimeListing;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The properties every app parser keeps, shared by the per-app parser tests: garbage in gives a typed
 * failure with a message, never an exception; a valid answer with random characters changed never escapes.
 */
public final class ParserProperties {
    private ParserProperties() { }

    /** Bodies no parser may accept: empty, not JSON, JSON of the wrong shape, an HTML error page, a cut-off answer. */
    public static final List<String> GARBAGE = List.of("", "   ", "not json {", "null", "[]", "42", "\"models\"", "{}",
            Fixtures.read("lmstudio/wrong-shape.json"), "{\"models\": {\"a\": 1}}", "{\"data\": 7}",
            "<html><body>502 Bad Gateway</body></html>", "{\"models\": [", "\u0000\u0001");

    /** Asserts {@code parser} turns {@code body} into a failure that says something. */
    public static void failsTyped(Function<String, ParseResult<?>> parser, String body) {
        ParseResult<?> r = parser.apply(body);
        assertInstanceOf(ParseResult.Failed.class, r, () -> "accepted: " + body);
        assertFalse(r.failure().orElseThrow().isBlank());
    }

    /** Feeds {@code parse} 2,000 copies of LM Studio's seed answer with 3 random printable characters changed each. */
    public static void mutatedSeeds(Consumer<String> parse) {
        Random random = new Random(7);
        String seed = Fixtures.read("lmstudio/v1-seed-000.json");
        for (int i = 0; i < 2000; i++) {
            char[] c = seed.toCharArray();
            for (int k = 0; k < 3; k++) {
                c[random.nextInt(c.length)] = (char) (32 + random.nextInt(95));
            }
            parse.accept(new String(c));
        }
    }

    /** A successful parse's listing, failing with the parser's message otherwise. */
    public static RuntimeListing ok(ParseResult<RuntimeListing> r) {
        assertInstanceOf(ParseResult.Ok.class, r, () -> r.failure().orElse(""));
        return r.result().orElseThrow();
    }
}
