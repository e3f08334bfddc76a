package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * With the bearer token on, the dashboard's files still load (they hold no machine data and the page is where
 * the token is entered), while every API call, the device list included, needs the token.
 */
@QuarkusTest
@TestProfile(SecurityTest.WithToken.class)
class DashboardSecurityTest {

    @Test
    void thePageLoadsWithoutTheTokenAndTheApiDoesNot() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"));
        given().get("/ui/app.js").then().statusCode(200);
        given().get("/api/v1/devices").then().statusCode(401).contentType("application/json");
        given().get("/api/v1/nope").then().statusCode(401).contentType("application/json");
        given().header("Authorization", "Bearer " + SecurityTest.TOKEN).get("/api/v1/devices").then().statusCode(200);
    }
}
