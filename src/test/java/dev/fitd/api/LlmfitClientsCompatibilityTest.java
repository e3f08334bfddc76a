package dev.fitd.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fitd's real answers, fed to what each known client of {@code llmfit serve} parses: the llmfit web dashboard
 * (AlexsJones/llmfit {@code llmfit-web/src}), the llmfit-dra DRA driver (sympozium-ai/llmfit-dra
 * {@code internal/llmfit}) and Sympozium's fitness poller (sympozium-ai/sympozium {@code internal/controller}).
 * Each fixture in {@code src/test/resources/fixtures/clients} lists, per request, the fields that client reads,
 * with the type its decoder needs and the source files they were read from. A field a client reads that goes
 * missing, turns null where the client cannot take null, or changes type fails here, naming the client.
 */
@QuarkusTest
class LlmfitClientsCompatibilityTest {

    static final List<String> CLIENTS = List.of("llmfit-web", "llmfit-dra", "sympozium-poller");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> clients() {
        return CLIENTS.stream();
    }

    @ParameterizedTest
    @MethodSource("clients")
    void everyFieldTheClientReadsIsThereWithItsType(String client) throws IOException {
        JsonNode fixture = fixture(client);
        int checked = 0;
        for (JsonNode req : fixture.get("requests")) {
            String method = req.get("method").asText();
            String path = req.get("path").asText();
            Response r = method.equals("POST")
                    ? given().body(req.get("body").toString()).contentType("application/json").post(path)
                    : given().urlEncodingEnabled(false).get(path);
            assertEquals(200, r.statusCode(), client + ": " + method + " " + path + " -> " + r.asString());
            JsonNode answer = JSON.readTree(r.asString());
            Map<String, String> fields = JSON.convertValue(req.get("fields"), new TypeReference<LinkedHashMap<String, String>>() { });
            List<String> bad = ClientShapeChecker.violations(answer, fields);
            assertTrue(bad.isEmpty(), fixture.get("client").asText() + " (" + fixture.get("repository").asText() + ", "
                    + req.get("source").asText() + ") cannot read " + method + " " + path + ":\n  " + String.join("\n  ", bad));
            checked += fields.size();
        }
        assertTrue(checked > 10, client + ": fields checked " + checked);
    }

    /** The "done when": every client gets non-empty names, memory and categories. */
    @Test
    void namesMemoryAndCategoriesAreNotEmpty() throws IOException {
        JsonNode models = JSON.readTree(given().get("/api/v1/models?limit=100&sort=score").asString()).get("models");
        assertEquals(100, models.size());
        for (JsonNode m : models) {
            assertFalse(m.get("name").asText().isBlank(), m.toString());
            assertTrue(m.get("memory_required_gb").asDouble() > 0, m.get("name").asText());
            assertFalse(m.get("category").asText().isBlank(), m.get("name").asText());
            assertEquals(m.get("key").asText(), m.get("name").asText(), "llmfit's name is the Hugging Face id, fitd's key");
            assertEquals(m.get("memory").get("required_gb").asDouble(), m.get("memory_required_gb").asDouble(), 0.0);
        }
    }

    /** The checker itself fails on a removed field, a wrong type and an empty name: these tests can fail. */
    @Test
    void theCheckerCatchesAMissingFieldAWrongTypeAndAnEmptyName() throws IOException {
        JsonNode fixture = fixture("sympozium-poller");
        JsonNode req = fixture.get("requests").get(1);
        Map<String, String> fields = JSON.convertValue(req.get("fields"), new TypeReference<LinkedHashMap<String, String>>() { });
        JsonNode answer = JSON.readTree(given().get(req.get("path").asText()).asString());
        assertEquals(List.of(), ClientShapeChecker.violations(answer, fields));

        ObjectNode first = (ObjectNode) answer.get("models").get(0);
        first.remove("memory_required_gb");
        first.put("score", "high");
        first.put("name", "");
        List<String> bad = ClientShapeChecker.violations(answer, fields);
        assertEquals(3, bad.size(), bad.toString());
        assertTrue(bad.contains("models[0].memory_required_gb: missing"), bad.toString());

        JsonNode system = JSON.readTree("{\"system\": {\"cpu_cores\": 2.0}}");
        assertEquals(List.of("system.cpu_cores: 2.0 is not integer"),
                ClientShapeChecker.violations(system, Map.of("system.cpu_cores", "integer")));
    }

    private static JsonNode fixture(String client) throws IOException {
        try (InputStream in = LlmfitClientsCompatibilityTest.class.getResourceAsStream("/fixtures/clients/" + client + ".json")) {
            return JSON.readTree(in);
        }
    }
}
