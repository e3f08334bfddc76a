package dev.fitd.inventory;

import dev.fitd.inventory.lmstudio.LmStudioParser;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import dev.fitd.inventory.source.RuntimeState;
import dev.fitd.inventory.source.RuntimeStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runtime records serialise in the API's vocabulary (snake_case, wire enums), so /api/v1/runtimes can return them. */
class RuntimeJsonTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void statusInTheApiVocabulary() throws Exception {
        RuntimeStatus s = new RuntimeStatus(RuntimeKind.LMSTUDIO, "http://localhost:1234", true, false,
                RuntimeState.UNAUTHORIZED, null, "/api/v1/models", 0, 0, "HTTP 401 from http://localhost:1234/api/v1/models",
                Instant.parse("2026-01-01T00:00:00Z"), null, 12, false, List.of());
        JsonNode j = mapper.readTree(mapper.writeValueAsString(s));
        assertEquals("lmstudio", j.get("runtime").asText());
        assertEquals("LM Studio", j.get("name").asText());
        assertEquals("http://localhost:1234", j.get("base_url").asText());
        assertEquals("unauthorized", j.get("state").asText());
        assertTrue(j.get("version").isNull());
        assertEquals(0, j.get("installed_count").asInt());
        assertEquals("2026-01-01T00:00:00Z", j.get("last_checked").asText());
        assertEquals(12, j.get("latency_ms").asInt());
        assertTrue(j.has("last_error") && j.has("loaded_count") && j.has("reachable") && j.has("stale"));
    }

    @Test
    void installedAndLoadedInTheApiVocabulary() throws Exception {
        RuntimeListing l = LmStudioParser.parseV1(Fixtures.read("lmstudio/v1-seed-000.json")).result().orElseThrow();
        JsonNode m = mapper.readTree(mapper.writeValueAsString(l.installed().get(0)));
        assertEquals("google/gemma-4-26b-a4b", m.get("id").asText());
        assertEquals(17990911801L, m.get("size_bytes").asLong());
        assertEquals("llm", m.get("type").asText());
        assertEquals(262144, m.get("max_context_length").asInt());
        JsonNode i = mapper.readTree(mapper.writeValueAsString(l.loaded().get(0)));
        assertEquals(4096, i.get("context_length").asInt());
        assertTrue(i.get("offload_kv_cache_to_gpu").asBoolean());
        JsonNode p = mapper.readTree(mapper.writeValueAsString(new ModelPresence(l.installed(), l.loaded())));
        assertTrue(p.get("installed").asBoolean());
        assertTrue(p.get("loaded").asBoolean());
        assertEquals(3, p.get("installed_in").size());
    }

    @Test
    void inventoryPackagesImportNoFramework() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/fitd/inventory"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                assertTrue(!src.contains("import io.quarkus") && !src.contains("import jakarta")
                        && !src.contains("import io.smallrye"), f + " imports a framework");
            }
        }
    }
}
