package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's static files at {@code /} and {@code /ui/}, and the read-only {@code /api/v1/devices}
 * vocabulary its what-if picker reads. The API around them keeps its rules: unknown {@code /api} paths are
 * JSON 404s, unknown parameters 400s. (The browser tests, {@code src/test/browser}, drive the page itself.)
 */
@QuarkusTest
class DashboardTest {

    @Test
    void theRootServesTheDashboardPageAndEveryFileItLoadsIsInTheJar() {
        String page = given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"/ui/app.js\"></script>")).extract().asString();
        Matcher m = Pattern.compile("(?:src|href)=\"(/ui/[^\"]+)\"").matcher(page);
        int files = 0;
        while (m.find()) {
            files++;
            given().get(m.group(1)).then().statusCode(200);
        }
        assertTrue(files >= 2, "the page loads its script and its style sheet from /ui/");
        for (String module : List.of("/ui/app.js", "/ui/api.js", "/ui/chart.js")) {
            given().get(module).then().statusCode(200).contentType(containsString("javascript"));
        }
        given().get("/ui/style.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void nothingIsLoadedFromAnotherHost() {
        // the node may be offline: no CDN, no web font, no absolute URL to another origin in any file
        Pattern external = Pattern.compile("(?:src|href|import|from|url\\()\\s*=?\\s*[\"'(]?\\s*(?:https?:)?//", Pattern.CASE_INSENSITIVE);
        for (String file : List.of("/", "/ui/app.js", "/ui/api.js", "/ui/chart.js", "/ui/style.css")) {
            String body = given().get(file).then().statusCode(200).extract().asString();
            assertFalse(external.matcher(body).find(), file + " refers to another host");
        }
    }

    @Test
    void unknownPathsStayJson404s() {
        for (String path : List.of("/api/v1/nope", "/api/nope", "/nope", "/ui/nope.js", "/favicon.ico")) {
            given().get(path).then().statusCode(404).contentType("application/json").body("error", containsString("not found"));
        }
    }

    @Test
    void devicesListTheDeviceTableAndTheQuantLadders() {
        JsonPath d = given().get("/api/v1/devices").then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
        List<Map<String, Object>> devices = d.getList("devices");
        assertTrue(devices.size() > 50, "the whole device table: " + devices.size());
        Map<String, Object> rtx4090 = devices.stream().filter(x -> "GeForce RTX 4090".equals(x.get("name"))).findFirst()
                .orElseThrow();
        assertEquals(1008.0, ((Number) rtx4090.get("memory_bandwidth_gbps")).doubleValue());
        assertEquals(24.0, ((Number) rtx4090.get("vram_gb")).doubleValue());
        assertEquals("nvidia", rtx4090.get("vendor"));
        assertEquals("F16", d.getList("quant_ladders.llamacpp").get(0));
        assertTrue(d.getList("quant_ladders.mlx").contains("MLX_4BIT"), d.getList("quant_ladders.mlx").toString());
    }

    @Test
    void everyListedDeviceIsAcceptedByTheGpuWhatIf() {
        List<String> names = given().get("/api/v1/devices").then().statusCode(200).extract().jsonPath()
                .getList("devices.name");
        for (String name : names) {
            given().queryParam("gpu", name).queryParam("limit", "1").queryParam("ram_gb", "64")
                    .get("/api/v1/models/top").then().statusCode(200);
        }
    }

    @Test
    void everyLadderQuantIsAcceptedByTheQuantParameter() {
        JsonPath d = given().get("/api/v1/devices").then().statusCode(200).extract().jsonPath();
        for (String runtime : List.of("llamacpp", "mlx")) {
            for (String q : d.<String>getList("quant_ladders." + runtime)) {
                given().urlEncodingEnabled(false).get("/api/v1/models/Qwen%2FQwen3-8B?quant=" + q).then().statusCode(200)
                        .body("filters.quant", equalTo(q));
            }
        }
    }

    @Test
    void devicesTakeNoParameters() {
        given().get("/api/v1/devices?gpu=x").then().statusCode(400).contentType("application/json")
                .body("error", equalTo("unknown parameter 'gpu': /api/v1/devices takes no parameters"));
    }
}
