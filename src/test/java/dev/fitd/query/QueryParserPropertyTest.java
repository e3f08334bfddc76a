package dev.fitd.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of random query strings to the parser: every one must end as a valid query or as a
 * {@link QueryException} with a message; any other outcome (another exception, an empty message) fails.
 */
class QueryParserPropertyTest {

    /** The parser's own parameter names (never a hand copy, which goes stale), then names it must reject. */
    private static final List<String> KNOWN = QueryParser.PARAMETERS;
    private static final String[] NAMES = java.util.stream.Stream.concat(KNOWN.stream(),
            java.util.stream.Stream.of("minfit", "LIMIT", " sort ", "", "%00", "ü", "limit[]")).toArray(String[]::new);
    private static final String[] VALUES = {
        "", " ", "0", "1", "-1", "5", "99999999999999999999", "2147483647", "2147483648", "1.5", "1e9", "NaN",
        "Infinity", "0x10", "true", "false", "TRUE", "yes", "perfect", "good", "marginal", "too_tight", "any",
        "mlx", "llamacpp", "llama.cpp", "code", "vision", "embed", "tps", "tokens", "mem_pct", "release",
        "usecase", "meta", "Qwen", "7B", "Q4_K_M", "q8_0", "f16", "NVIDIA GeForce RTX 4090", "Apple M2 Max",
        "none", "llm", "embedding", "%", "%2F", "\u0000", "日本語", "💥", "a".repeat(300), "'; DROP TABLE", "../../etc/passwd"};

    @Test
    void randomQueryStringsEndAsValidQueriesOrPreciseErrors() {
        Random random = new Random(20261122L);
        int valid = 0;
        int rejected = 0;
        java.util.Set<String> accepted = new java.util.TreeSet<>();
        for (int i = 0; i < 20_000; i++) {
            String query = randomQuery(random);
            Map<String, List<String>> params;
            try {
                params = split(query);
            } catch (IllegalArgumentException badEncoding) {
                continue; // the HTTP layer answers malformed percent-encoding itself
            }
            Endpoint endpoint = Endpoint.values()[random.nextInt(3)];
            String name = endpoint == Endpoint.NAME ? VALUES[random.nextInt(VALUES.length)] : null;
            try {
                assertNotNull(QueryParserTest.PARSER.parse(endpoint, name, params));
                valid++;
                accepted.addAll(params.keySet());
            } catch (QueryException e) {
                assertNotNull(e.getMessage());
                assertFalse(e.getMessage().isBlank());
                rejected++;
            } catch (RuntimeException e) {
                fail("query '" + query + "' on " + endpoint + " threw " + e);
            }
        }
        // Both outcomes must really occur, or the generator is not exploring the grammar.
        assertFalse(valid < 1000, "only " + valid + " valid queries");
        assertFalse(rejected < 1000, "only " + rejected + " rejected queries");
        // ... and every parameter the parser knows was sent and accepted in some valid query
        java.util.Set<String> missing = new java.util.TreeSet<>(KNOWN);
        missing.removeAll(accepted);
        assertTrue(missing.isEmpty(), "never accepted in a valid query: " + missing);
    }

    private static String randomQuery(Random r) {
        StringBuilder sb = new StringBuilder();
        int parts = r.nextInt(5);
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                sb.append('&');
            }
            if (r.nextInt(20) == 0) {
                for (int j = 0; j < 1 + r.nextInt(12); j++) {
                    sb.append((char) (32 + r.nextInt(95)));
                }
                continue;
            }
            sb.append(NAMES[r.nextInt(r.nextInt(4) == 0 ? NAMES.length : KNOWN.size())]);
            if (r.nextInt(15) != 0) {
                sb.append('=').append(VALUES[r.nextInt(VALUES.length)]);
            }
        }
        return sb.toString();
    }

    /** Splits like an HTTP server: on '&', then on the first '=', percent-decoding both sides. */
    static Map<String, List<String>> split(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
