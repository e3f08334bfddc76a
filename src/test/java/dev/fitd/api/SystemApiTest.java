package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.profile.ProfileReader;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v1/system on the pinned test profile, and the promise that its output can be fed back as a profile. */
@QuarkusTest
class SystemApiTest {

    @TempDir
    Path tmp;

    @Test
    void theProfileIsReportedWithProvenance() {
        given().get("/api/v1/system").then().statusCode(200)
                .body("system.total_ram_gb", org.hamcrest.Matchers.equalTo(64.0f))
                .body("system.gpu_name", org.hamcrest.Matchers.equalTo("NVIDIA GeForce RTX 4090"))
                .body("system.gpu_count", org.hamcrest.Matchers.equalTo(1))
                .body("system.backend", org.hamcrest.Matchers.equalTo("CUDA"))
                .body("system.backend_code", org.hamcrest.Matchers.equalTo("cuda"))
                .body("system.gpus[0].backend", org.hamcrest.Matchers.equalTo("CUDA"))
                .body("system.gpus[0].backend_code", org.hamcrest.Matchers.equalTo("cuda"))
                .body("system.gpu_available_gb", org.hamcrest.Matchers.nullValue())
                .body("system.gpus[0].memory_bandwidth_gbps", org.hamcrest.Matchers.greaterThan(1000f));
    }

    @Test
    void whatIfParametersDescribeTheSameMachineAsTheModelRows() {
        java.util.Map<String, String> q = java.util.Map.of("ram_gb", "32", "gpu", "NVIDIA GeForce RTX 3090",
                "gpu_count", "2");
        given().queryParams(q).get("/api/v1/system").then().statusCode(200)
                .body("system.total_ram_gb", org.hamcrest.Matchers.equalTo(32.0f))
                .body("system.gpu_name", org.hamcrest.Matchers.equalTo("NVIDIA GeForce RTX 3090"))
                .body("system.gpu_count", org.hamcrest.Matchers.equalTo(2));
        String fromSystem = given().queryParams(q).get("/api/v1/system").then().statusCode(200)
                .extract().path("system").toString();
        String fromModels = given().queryParams(q).get("/api/v1/models/top").then().statusCode(200)
                .extract().path("system").toString();
        assertEquals(fromModels, fromSystem);
    }

    @Test
    void systemRejectsWhatTheModelEndpointsRejectAndWhatItDoesNotTake() {
        given().get("/api/v1/system?foo=bar").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("unknown parameter 'foo'"))
                .body("error", org.hamcrest.Matchers.containsString("ram_gb"));
        given().get("/api/v1/system?sort=tps").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("unknown parameter 'sort'"));
        String bad = given().get("/api/v1/system?ram_gb=-1").then().statusCode(400).extract().path("error");
        String sameOnModels = given().get("/api/v1/models?ram_gb=-1").then().statusCode(400).extract().path("error");
        assertEquals(sameOnModels, bad);
        given().get("/api/v1/system?ram_gb=1&ram_gb=2").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("more than once"));
    }

    @Test
    void aSavedSystemResponseWorksAsAProfile() throws Exception {
        String body = given().get("/api/v1/system").then().statusCode(200).extract().asString();
        JsonNode system = new ObjectMapper().readTree(body).get("system");
        Path file = tmp.resolve("saved.json");
        Files.writeString(file, system.toString());

        HardwareSnapshot again = ProfileReader.read(file, 1, Instant.now(), "node", "os");

        assertEquals(system.get("total_ram_gb").asDouble(), again.memory().totalBytes() / (double) (1L << 30), 0.01);
        assertEquals(system.get("cpu_cores").asInt(), (int) again.cpu().usableCores());
        assertEquals(system.get("gpu_count").asInt(), again.gpus().size());
        Gpu gpu = again.gpus().get(0);
        assertEquals(system.get("gpu_name").asText(), gpu.name());
        assertEquals(system.get("gpu_vram_gb").asDouble(), gpu.vramTotalBytes() / (double) (1L << 30), 0.01);
        assertEquals(system.get("gpus").get(0).get("memory_bandwidth_gbps").asDouble(), gpu.memoryBandwidthGbps(), 0.01);
        assertTrue(again.memory().bandwidthGbps() > 0);
    }
}
