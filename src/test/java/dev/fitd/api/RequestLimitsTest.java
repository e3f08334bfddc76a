package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The request limits and what a caller sees at each. fitd's limits (8 KiB request line, 16 KiB of
 * headers, no body) are answered by {@link HttpEdge} as JSON. Netty's decoder limits, four times higher,
 * are a backstop answered by Vert.x itself, before any fitd code, with an empty body and a closed
 * connection; Quarkus offers no hook to give those a JSON body.
 */
@QuarkusTest
class RequestLimitsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void requestLineOverTheLimitIsAJson414() throws Exception {
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            RawHttp.Reply r = http.get("/api/v1/models?search=" + "x".repeat(9000));
            assertEquals(414, r.status());
            assertEquals("application/json", r.header("content-type"));
            assertTrue(r.text().startsWith("{\"error\":\"request line too long: 9035 bytes, at most 8192"), r.text());
        }
    }

    @Test
    void requestLineOverTheBackstopIsVertxsBare414() throws Exception {
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            RawHttp.Reply r = http.get("/api/v1/models?search=" + "x".repeat(40_000));
            assertEquals(414, r.status());
            assertEquals(0, r.body().length);
        }
    }

    @Test
    void longValueUnderTheLimitIsAJson400() throws Exception {
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            RawHttp.Reply r = http.get("/api/v1/models?search=" + "x".repeat(7000));
            assertEquals(400, r.status());
            assertTrue(r.header("content-type").startsWith("application/json"));
            assertTrue(r.text().contains("longer than 200 characters"), r.text());
        }
    }

    @Test
    void headersOverTheLimitAreAJson431() throws Exception {
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            RawHttp.Reply r = http.get("/api/v1/models/top", "X-Padding: " + "p".repeat(20_000));
            assertEquals(431, r.status());
            assertEquals("application/json", r.header("content-type"));
            assertTrue(r.text().startsWith("{\"error\":\"request headers too large: "), r.text());
            r = http.get("/q/health/ready", "X-Padding: " + "p".repeat(20_000));
            assertEquals(431, r.status(), "the health probes too");
            assertEquals("application/json", r.header("content-type"));
        }
    }

    @Test
    void headersOverTheBackstopAreVertxsBare431() throws Exception {
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            RawHttp.Reply r = http.get("/api/v1/models/top", "X-Padding: " + "p".repeat(70_000));
            assertEquals(431, r.status());
            assertEquals(0, r.body().length);
        }
    }

    @Test
    void bodyOverTheLimitIsRejectedOrCutOff() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.toURI().resolve("/api/v1/models"))
                    .method("GET", HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("{\"error\":\"a GET request takes no body (Content-Length: 100000); send the parameters in "
                    + "the query string\"}", r.body());
        } catch (java.io.IOException closedWhileSending) {
            // the server may answer and close before the client has sent the whole body: also a rejection
        }
    }
}
