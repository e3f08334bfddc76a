package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bearer token on the API, open probes, and CORS preflights from the allow-listed test origin. */
@QuarkusTest
@TestProfile(SecurityTest.WithToken.class)
class SecurityTest {
    static final String TOKEN = "test-token-5f1c0b7e9a";
    static final String ORIGIN = "https://dashboard.example.test";

    /** The token is set for this test class only, so other tests keep an open API. */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fitd.security.token", TOKEN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/models/top", "/api/v1/models", "/api/v1/system", "/api/v1/nope", "/nope",
            "/api/v1/models/meta-llama%2FLlama-3.1-8B-Instruct"})
    void apiWithoutTokenIs401Json(String path) {
        given().urlEncodingEnabled(false).get(path).then().statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", "Bearer realm=\"fitd\"").body("error", containsString("missing bearer token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer " + TOKEN + "x", "Bearer", "Basic dGVzdDp0ZXN0", TOKEN,
            "Bearer  ", "bearer" + TOKEN})
    void wrongTokenIs401Json(String header) {
        given().header("Authorization", header).get("/api/v1/models/top").then().statusCode(401)
                .contentType("application/json").header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("invalid bearer token"));
    }

    @Test
    void aCachedAnswerIsNeverGivenWithoutTheToken() {
        String target = "/api/v1/models/top?limit=2";
        given().header("Authorization", "Bearer " + TOKEN).get(target).then().statusCode(200);
        given().header("Authorization", "Bearer " + TOKEN).get(target).then().statusCode(200);
        given().get(target).then().statusCode(401);
        given().header("Authorization", "Bearer nope").get(target).then().statusCode(401);
    }

    @Test
    void twoAuthorizationHeadersAreRejected() {
        given().header("Authorization", "Bearer " + TOKEN).header("Authorization", "Bearer wrong")
                .get("/api/v1/models/top").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER  " + TOKEN + " "})
    void rightTokenIsAccepted(String header) {
        given().header("Authorization", header).get("/api/v1/models/top").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/q/health", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi"})
    void probesStayOpen(String path) {
        given().get(path).then().statusCode(200);
    }

    @Test
    void preflightFromAllowedOriginAllowsTheAuthorizationHeader() {
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/v1/models/top").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Methods", containsString("GET"));
        given().header("Origin", ORIGIN).header("Authorization", "Bearer " + TOKEN).get("/api/v1/models/top")
                .then().statusCode(200).header("Access-Control-Allow-Origin", ORIGIN);
    }

    @Test
    void otherOriginsGetNoCorsGrant() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/api/v1/models/top").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Authorization", "Bearer " + TOKEN)
                .get("/api/v1/models/top").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void unauthorizedBodyNamesNoClassAndNoStack() {
        given().get("/api/v1/models").then().statusCode(401)
                .body(not(containsString("Exception"))).body(not(containsString("dev.fitd")))
                .body(not(emptyOrNullString()));
    }
}
