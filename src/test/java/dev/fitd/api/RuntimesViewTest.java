package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeState;
import dev.fitd.inventory.source.RuntimeStatus;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/runtimes}' per-runtime JSON, built from the domain status, with the mapper settings of application.properties. */
class RuntimesViewTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void statusInTheApiVocabulary() throws Exception {
        RuntimeStatus s = new RuntimeStatus(RuntimeKind.LMSTUDIO, "http://localhost:1234", true, false,
                RuntimeState.UNAUTHORIZED, null, "/api/v1/models", 0, 0, "HTTP 401 from http://localhost:1234/api/v1/models",
                Instant.parse("2026-01-01T00:00:00Z"), null, 12, false, List.of());
        JsonNode j = mapper.readTree(mapper.writeValueAsString(RuntimesView.RuntimeStatus.of(s)));
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

    /** The field order the domain record had when it was serialised directly: its components, then {@code name}. */
    @Test
    void fieldOrderIsUnchanged() throws Exception {
        JsonNode j = mapper.readTree(mapper.writeValueAsString(
                RuntimesView.RuntimeStatus.of(RuntimeStatus.pending(RuntimeKind.GGUF, "/models"))));
        Iterator<String> names = j.fieldNames();
        String order = StreamSupport.stream(Spliterators.spliteratorUnknownSize(names, 0), false)
                .collect(Collectors.joining(","));
        assertEquals("runtime,base_url,enabled,reachable,state,version,api,installed_count,loaded_count,last_error,"
                + "last_checked,last_success,latency_ms,stale,warnings,name", order);
        assertEquals("pending", j.get("state").asText());
        assertEquals("GGUF files", j.get("name").asText());
    }

    @Test
    void everyKindAndStateHasItsWireName() {
        for (RuntimeKind k : RuntimeKind.values()) {
            for (RuntimeState st : Stream.of(RuntimeState.values()).toList()) {
                RuntimesView.RuntimeStatus v = RuntimesView.RuntimeStatus.of(new RuntimeStatus(k, "x", true, false, st,
                        null, null, 0, 0, null, null, null, 0, false, null));
                assertEquals(k.name().toLowerCase(java.util.Locale.ROOT), v.runtime());
                assertEquals(st.name().toLowerCase(java.util.Locale.ROOT), v.state());
            }
        }
    }
}
