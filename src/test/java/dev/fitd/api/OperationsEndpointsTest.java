package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.query.QueryParser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health, metrics and OpenAPI endpoints as a Kubernetes probe, Prometheus and a client generator see them. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void livenessAndReadinessAreUpOnceSnapshotAndCatalogAreLoaded() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'fitd' }.data.catalog_models", greaterThan(0));
        given().get("/health").then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void metricsExposeFitdGaugesAndRequestTimers() throws InterruptedException {
        given().get("/api/v1/models/top").then().statusCode(200);
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (int i = 0; i < 100 && !text.contains("fitd_models{"); i++) {
            Thread.sleep(100); // the per-snapshot series appear after the first background count
            text = given().get("/q/metrics").asString();
        }
        for (String series : List.of("fitd_snapshot_age_seconds", "fitd_snapshot_version", "fitd_catalog_models",
                "fitd_models{fit_level=\"perfect\"}", "fitd_models{fit_level=\"too_tight\"}",
                "fitd_gpu_memory_total_bytes{gpu=\"0\"", "fitd_runtime_up{runtime=\"ollama\"}",
                "http_server_requests_seconds_count",
                // the JVM and process series, bound by the first metrics job (ProcessMetrics)
                "jvm_memory_used_bytes{", "jvm_gc_live_data_size_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                "jvm_info_total{", "process_uptime_seconds", "process_cpu_usage", "system_cpu_count", "process_files_open_files")) {
            assertTrue(text.contains(series), "metrics contain " + series);
        }
    }

    @Test
    void openApiDescribesEveryQueryParameterAndTheErrorShape() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        for (String path : List.of("/api/v1/models", "/api/v1/models/top", "/api/v1/models/{name}")) {
            List<String> names = doc.getList("paths.'" + path + "'.get.parameters.findAll { it.in == 'query' }.name");
            assertEquals(QueryParser.PARAMETERS, names, path);
            Map<String, Object> responses = doc.getMap("paths.'" + path + "'.get.responses");
            assertTrue(responses.containsKey("400") && responses.containsKey("401"), path + " documents errors");
        }
        assertEquals(QueryParser.PARAMETERS, List.copyOf(OpenApiFilter.parameters().keySet()),
                "every parser parameter has a description");
        given().get("/q/openapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(startsWith("---"), containsString("Error"));
        given().get("/q/openapi?format=json").then().statusCode(200).contentType(startsWith("application/json"))
                .body("info.title", equalTo("fitd"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .contentType(startsWith("application/json"));
        given().queryParam("format", " YAML ").get("/q/openapi").then().statusCode(200).contentType(startsWith("application/yaml"));
    }

    @Test
    void openApiRefusesWhatItDoesNotUnderstandWithAJsonError() {
        given().get("/q/openapi?format=xml").then().statusCode(400).contentType(startsWith("application/json"))
                .body("error", containsString("json, yaml"));
        given().get("/q/openapi?format=json&format=yaml").then().statusCode(400).body("error", containsString("once"));
        given().get("/q/openapi?format=").then().statusCode(400).body("error", containsString("format"));
        given().get("/q/openapi?pretty=true").then().statusCode(400).body("error", containsString("pretty"));
    }

    /** Every property a response carries is in its schema, under the name Jackson writes. */
    @Test
    void openApiSchemasNameWhatTheResponsesCarry() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        JsonPath models = given().get("/api/v1/models?include_too_tight=true&limit=3").then().statusCode(200)
                .extract().jsonPath();
        assertDocumented(doc, "ModelsResponse", models.<String, Object>getMap("").keySet());
        assertDocumented(doc, "ModelRow", models.<String, Object>getMap("models[0]").keySet());
        assertDocumented(doc, "NodeView", models.<String, Object>getMap("node").keySet());
        JsonPath system = given().get("/api/v1/system").then().statusCode(200).extract().jsonPath();
        assertDocumented(doc, "SystemResponse", system.<String, Object>getMap("").keySet());
        assertDocumented(doc, "SystemView", system.<String, Object>getMap("system").keySet());
    }

    private static void assertDocumented(JsonPath doc, String schema, java.util.Set<String> keys) {
        Map<String, Object> properties = doc.getMap("components.schemas." + schema + ".properties");
        assertTrue(properties != null && !keys.isEmpty(), schema);
        for (String key : keys) {
            assertTrue(properties.containsKey(key), schema + " documents '" + key + "' (has " + properties.keySet() + ")");
        }
    }
}
