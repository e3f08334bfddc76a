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
 * The request limits of application.properties and what a caller sees at each. Requests over the
 * transport limits are answered by Vert.x itself, before any fitd code, with an empty body and a closed
 * connection; Quarkus offers no hook to give them a JSON body. Everything below the limits that fitd
 * rejects is JSON.
 */
@QuarkusTest
class RequestLimitsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void requestLineOverTheLimitIs414WithoutBody() throws Exception {
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            RawHttp.Reply r = http.get("/api/v1/models?search=" + "x".repeat(9000));
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
    void headersOverTheLimitAre431WithoutBody() throws Exception {
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            RawHttp.Reply r = http.get("/api/v1/models/top", "X-Padding: " + "p".repeat(20_000));
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
            assertTrue(r.statusCode() == 413 || r.statusCode() == 400, "status " + r.statusCode() + " " + r.body());
            assertTrue(r.body().isEmpty() || r.body().startsWith("{\"error\""), r.body());
        } catch (java.io.IOException closedWhileSending) {
            // the server may answer and close before the client has sent the whole body: also a rejection
        }
    }
}
