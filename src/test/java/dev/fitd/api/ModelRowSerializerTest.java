package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.fitd.query.Endpoint;
import dev.fitd.query.QueryParser;
import dev.fitd.service.ModelService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelRowSerializer} writes exactly what Jackson's bean serializer writes for a {@link ModelRow}
 * under the application's own mapper: every row of several graded catalogs (GPU, CPU-only, multi-GPU,
 * what-if contexts and quants, models that do not fit), with the fake runtimes' installed and loaded
 * copies joined in, is serialized both ways and compared byte for byte.
 */
@QuarkusTest
@TestProfile(RuntimesApiTest.WithFakeRuntimes.class)
class ModelRowSerializerTest {

    /** Takes the custom serializer off ModelRow, leaving the bean serializer Jackson would otherwise use. */
    @JsonSerialize(using = JsonSerializer.None.class)
    abstract static class BeanSerialized { }

    @Inject
    ObjectMapper mapper;
    @Inject
    ModelService models;
    @Inject
    QueryParser parser;

    @Test
    void writesWhatTheBeanSerializerWrites() throws Exception {
        awaitRuntimes();
        ObjectMapper bean = mapper.copy().addMixIn(ModelRow.class, BeanSerialized.class);
        List<Map<String, List<String>>> queries = List.of(
                Map.of(),
                Map.of("installed", List.of("true")),
                Map.of("max_context", List.of("131072"), "kv_cache", List.of("q4_0")),
                Map.of("quant", List.of("IQ2_XXS")),
                Map.of("gpu_count", List.of("0"), "ram_gb", List.of("8")),
                Map.of("gpu", List.of("NVIDIA GeForce RTX 3090"), "gpu_count", List.of("3")),
                Map.of("gpu", List.of("Apple M2 Max"), "vram_gb", List.of("48")));
        int rows = 0;
        boolean sawInstalled = false;
        boolean sawLoaded = false;
        for (Map<String, List<String>> q : queries) {
            ModelService.Answer answer = models.answer(parser.parse(Endpoint.MODELS, null, new LinkedHashMap<>(q)));
            for (var r : answer.selection().rows()) {
                ModelRow row = ModelRow.of(r, answer.state().presence(r.model().key()));
                assertEquals(bean.writeValueAsString(row), mapper.writeValueAsString(row), r.model().key() + " for " + q);
                rows++;
                sawInstalled |= !row.presence().installedIn().isEmpty();
                sawLoaded |= !row.lmStudio().loadedInstances().isEmpty();
            }
        }
        assertTrue(rows > 1000, "rows compared: " + rows);
        assertTrue(sawInstalled && sawLoaded, "installed and loaded rows were among them");
        assertTrue(mapper.writeValueAsString(ModelRow.of(models.answer(parser.parse(Endpoint.MODELS, null,
                new LinkedHashMap<>())).selection().rows().get(0))).startsWith("{\"type\":"), "the custom serializer is in use");
    }

    private static void awaitRuntimes() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath j = given().get("/api/v1/runtimes").jsonPath();
            if (j.getInt("installed_models") >= 5 && j.getInt("loaded_instances") >= 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the fake runtimes were not polled within 15 s: " + given().get("/api/v1/runtimes").asString());
    }
}
