package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: whatever layer would reject a request, the answer is fitd's {@code {"error": ...}} JSON
 * naming what was wrong, with one Content-Type spelling. Sent over a raw socket, byte for byte: HTTP
 * clients would refuse or repair most of these requests.
 */
@QuarkusTest
class HttpEdgeTest {
    @TestHTTPResource("/")
    URL base;

    private RawHttp http() {
        return new RawHttp(base.getHost(), base.getPort());
    }

    private static void assertError(RawHttp.Reply r, int status, String message) {
        assertEquals(status, r.status(), r.text());
        assertEquals("application/json", r.header("content-type"), "one spelling: " + r.text());
        assertEquals("{\"error\":\"" + message + "\"}", r.text());
    }

    @Test
    void malformedPercentEscapesNameWhereTheyAre() throws Exception {
        try (RawHttp h = http()) {
            assertError(h.get("/api/v1/models?min_fit=%zz"), 400, "malformed percent-escape '%zz' in the value of "
                    + "parameter 'min_fit': '%' must be followed by two hex digits (write a literal '%' as %25)");
            assertError(h.get("/api/v1/models?min_fit=%"), 400, "malformed percent-escape '%' in the value of "
                    + "parameter 'min_fit': '%' must be followed by two hex digits (write a literal '%' as %25)");
            assertError(h.get("/api/v1/models/top?sea%2=x"), 400, "malformed percent-escape '%2' in a parameter "
                    + "name: '%' must be followed by two hex digits (write a literal '%' as %25)");
            assertError(h.get("/api/v1/models/%zz"), 400, "malformed percent-escape '%zz' in the path: '%' must be "
                    + "followed by two hex digits (write a literal '%' as %25)");
            for (String other : List.of("/q/health/ready?x=%", "/q/metrics?%g0", "/q/openapi?format=%zz", "/health%")) {
                RawHttp.Reply r = h.get(other);
                assertEquals(400, r.status(), other);
                assertEquals("application/json", r.header("content-type"), other);
                assertTrue(r.text().startsWith("{\"error\":\"malformed percent-escape"), other + " " + r.text());
            }
        }
    }

    @Test
    void invalidUtf8IsRefusedNotReplaced() throws Exception {
        try (RawHttp h = http()) {
            assertError(h.get("/api/v1/models?search=%FF%FE"), 400,
                    "the value of parameter 'search' is not valid UTF-8 once percent-decoded");
            assertError(h.get("/api/v1/models/%C0%AE%C0%AE"), 400, "the path is not valid UTF-8 once percent-decoded");
            // raw bytes in the request line: a lone continuation byte, a truncated sequence
            assertError(h.get(new byte[] {'/', 'h', 'e', 'a', 'l', 't', 'h', '?', 'x', '=', (byte) 0x80}), 400,
                    "the value of parameter 'x' is not valid UTF-8 once percent-decoded");
            assertError(h.get(new byte[] {'/', 'a', (byte) 0xE2, (byte) 0x82}), 400,
                    "the path is not valid UTF-8 once percent-decoded");
            // valid UTF-8, raw or encoded, is still a value like any other
            assertEquals(200, h.get("/api/v1/models?search=%C3%A9t%C3%A9").status());
            assertEquals(200, h.get("/api/v1/models?search=\u00e9t\u00e9").status());
        }
    }

    @Test
    void charactersUrisDoNotAllowAreNamed() throws Exception {
        try (RawHttp h = http()) {
            assertError(h.get("/api/v1/models/<script>"), 400,
                    "character '<' is not allowed in the path: percent-encode it (%3C)");
            assertError(h.get("/api/v1/models?search={x}"), 400,
                    "character '{' is not allowed in the value of parameter 'search': percent-encode it (%7B)");
            assertError(h.get(new byte[] {'/', 'h', 'e', 'a', 'l', 't', 'h', '?', 'a', '=', 1}), 400,
                    "character 0x01 is not allowed in the value of parameter 'a': percent-encode it (%01)");
        }
    }

    @Test
    void everyMethodButGetAndHeadIsAJson405OnEveryEndpoint() throws Exception {
        try (RawHttp h = http()) {
            for (String path : List.of("/api/v1/models", "/health", "/q/health/ready", "/q/health/live", "/q/metrics",
                    "/q/openapi", "/nowhere")) {
                for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "BREW", "OPTIONS")) {
                    RawHttp.Reply r = h.send(method, path.getBytes(StandardCharsets.US_ASCII), new byte[0],
                            "Content-Length: 0");
                    assertError(r, 405, "method not allowed: " + method
                            + "; the API answers GET (and HEAD) only, and POST on /api/v1/plan");
                    assertEquals("GET, HEAD", r.header("allow"));
                }
                RawHttp.Reply head = h.send("HEAD", path.getBytes(StandardCharsets.US_ASCII), new byte[0]);
                assertTrue(head.status() == 200 || head.status() == 404, path + " HEAD " + head.status());
            }
        }
    }

    @Test
    void aBodyOnAGetIsRefused() throws Exception {
        try (RawHttp h = http()) {
            assertError(h.send("GET", "/api/v1/models/top".getBytes(StandardCharsets.US_ASCII),
                    "{\"a\":1}".getBytes(StandardCharsets.US_ASCII), "Content-Type: application/json", "Content-Length: 7"),
                    400, "a GET request takes no body (Content-Length: 7); send the parameters in the query string");
        }
        try (RawHttp h = http()) {
            RawHttp.Reply r = h.send("GET", "/health".getBytes(StandardCharsets.US_ASCII),
                    "3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "Transfer-Encoding: chunked");
            assertEquals(400, r.status(), r.text());
            assertEquals("application/json", r.header("content-type"));
        }
        try (RawHttp h = http()) {
            assertEquals(200, h.send("GET", "/health".getBytes(StandardCharsets.US_ASCII), new byte[0],
                    "Content-Length: 0", "Content-Type: text/xml").status(), "an empty body is no body");
        }
    }

    @Test
    void healthProbesAnswerJsonWhateverTheyAccept() throws Exception {
        try (RawHttp h = http()) {
            for (String path : List.of("/health", "/q/health", "/q/health/ready", "/q/health/live")) {
                for (String accept : List.of("text/plain", "text/html", "application/xml", "*/*")) {
                    RawHttp.Reply r = h.get(path, "Accept: " + accept);
                    assertEquals(200, r.status(), path + " " + accept + " " + r.text());
                    assertEquals("application/json", r.header("content-type"), path + " " + accept);
                    assertTrue(r.text().startsWith("{"), r.text());
                }
            }
            // the API itself still says it answers JSON only
            assertError(h.get("/api/v1/system", "Accept: text/plain"), 406,
                    "not acceptable: the API answers application/json only");
        }
    }

    @Test
    void oneContentTypeSpellingOnEveryJsonAnswer() throws Exception {
        try (RawHttp h = http()) {
            for (String path : List.of("/health", "/q/health", "/q/health/ready", "/api/v1/system", "/api/v1/models/top",
                    "/api/v1/models/top", "/api/v1/models/nosuchmodelanywhere", "/q/openapi?format=json", "/api/v1/runtimes",
                    "/q/nothing", "/api/v1/models?limit=x")) {
                assertEquals("application/json", h.get(path).header("content-type"), path);
            }
        }
    }

    @Test
    void oddHeadersAreAnsweredAsJson() throws Exception {
        try (RawHttp h = http()) {
            assertEquals(200, h.get("/health", "X-Dup: 1", "X-Dup: 2", "Accept: */*", "Accept: */*").status());
            RawHttp.Reply r = h.get("/api/v1/models/top", "Authorization: Bearer x", "Authorization: Bearer y");
            assertEquals(200, r.status(), "no token configured: Authorization is not read");
            assertError(h.get("/api/v1/models/top", "X-Padding: " + "p".repeat(20_000)), 431,
                    "request headers too large: 20030 bytes, at most 16384");
        }
    }

    @Test
    void uriCheckUnit() {
        assertNull(HttpEdge.uriProblem("/api/v1/models?search=a%20b&x=%C3%A9&flag"));
        assertNull(HttpEdge.uriProblem("/api/v1/models/meta-llama%2FLlama-3.1-8B-Instruct?n=1;limit=2"));
        assertEquals("malformed percent-escape '%4' in the path: '%' must be followed by two hex digits (write a "
                + "literal '%' as %25)", HttpEdge.uriProblem("/a%4"));
        assertEquals("the value of parameter 'x y' is not valid UTF-8 once percent-decoded",
                HttpEdge.uriProblem("/a?x+y=%ED%A0%80"));
    }
}
