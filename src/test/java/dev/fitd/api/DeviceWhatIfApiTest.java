package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The device what-ifs of issue 13/14 end to end: gpu and cpu names, the bandwidth what-ifs, their 400s. */
@QuarkusTest
class DeviceWhatIfApiTest {

    @Test
    void aBareModelNumberIsA400NamingTheValueAndTheNearestCard() {
        // Regression: gpu=4090 used to be a silent 200 with every row cpu_only.
        given().urlEncodingEnabled(false).when().get("/api/v1/models?gpu=4090").then().statusCode(400)
                .contentType("application/json")
                .body("error", startsWith("unknown gpu '4090': not a GPU or Apple chip of fitd's device table; "
                        + "nearest known names: GeForce RTX 4090"));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "cpu=pentium%20pro%20xyz => unknown cpu 'pentium pro xyz'",
            "ram_bandwidth_gbps=0 => invalid ram_bandwidth_gbps value '0': use a memory bandwidth in GB/s above 0",
            "gpu_bandwidth_gbps=fast => invalid gpu_bandwidth_gbps value 'fast': use a memory bandwidth in GB/s",
            "ram_bandwidth_gbps=1e9 => invalid ram_bandwidth_gbps value '1e9'",
            "gpu=quantum%20card%209000 => unknown gpu 'quantum card 9000'",
    })
    void badDeviceWhatIfsAre400s(String query, String messageStart) {
        given().urlEncodingEnabled(false).when().get("/api/v1/models?" + query).then().statusCode(400)
                .contentType("application/json").body("error", startsWith(messageStart));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RTX4090", "rtx%203090", "NVIDIA%20GeForce%20RTX%204090", "none", "Radeon%20780M"})
    void tableAliasesAndNoneStillWork(String gpu) {
        given().urlEncodingEnabled(false).when().get("/api/v1/models/top?n=1&gpu=" + gpu).then().statusCode(200);
    }

    @Test
    void anUnlistedCardIsAcceptedWhenItsMemoryAndBandwidthAreStated() {
        JsonPath j = ModelsApiTest.ok("/api/v1/models/top?n=3&gpu=Mystery%20Card&vram_gb=16&gpu_bandwidth_gbps=500");
        assertTrue(j.getList("models").size() > 0);
    }

    @Test
    void cpuAndRamBandwidthWhatIfsMoveCpuSpeed() {
        String base = "/api/v1/models?search=llama-3.2-3b-instruct&gpu=none&ram_gb=16";
        double laptop = tps(base + "&cpu=Core%20i3-1315U&ram_bandwidth_gbps=41.6");
        double twoChannel = tps(base + "&cpu=Core%20i3-1315U");
        double ddr3 = tps(base + "&cpu=Core%20i3-1315U&ram_bandwidth_gbps=25.6");
        assertTrue(twoChannel > laptop && laptop > ddr3, twoChannel + " > " + laptop + " > " + ddr3);
    }

    @Test
    void gpuBandwidthWhatIfChangesGpuSpeed() {
        double slow = tps("/api/v1/models?search=llama-3.2-3b-instruct&gpu=RTX%204090&gpu_bandwidth_gbps=500");
        double fast = tps("/api/v1/models?search=llama-3.2-3b-instruct&gpu=RTX%204090");
        assertTrue(fast > slow * 1.3, fast + " vs " + slow);
    }

    private static double tps(String url) {
        JsonPath j = ModelsApiTest.ok(url);
        List<Float> v = j.getList("models.findAll { it.key == 'meta-llama/Llama-3.2-3B-Instruct' }.estimated_tps",
                Float.class);
        assertEquals(1, v.size(), url);
        return v.get(0);
    }
}
