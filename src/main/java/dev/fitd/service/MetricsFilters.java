package dev.fitd.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the request-metric series bounded whatever callers send. Requests the REST layer rejects
 * before routing (an undecodable query string, a path nothing matches) are tagged with their raw path,
 * so a scan would create one series per path until Micrometer's cap, after which even real routes
 * would go unrecorded. Every {@code uri} tag outside the known routes becomes {@code OTHER}.
 */
@Singleton
public class MetricsFilters {

    static final String NAME_ROUTE = "/api/v1/models/{name}";
    static final Set<String> KNOWN_URIS = Set.of("/api/v1/models", "/api/v1/models/top", NAME_ROUTE,
            "/api/v1/system", "/api/v1/runtimes", "/api/v1/devices", "/health", "root", "NOT_FOUND", "REDIRECTION", "UNKNOWN", "OTHER");

    @Produces
    @Singleton
    MeterFilter boundedUriTags() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String uri = id.getTag("uri");
                if (uri == null || !id.getName().startsWith("http.server")) {
                    return id;
                }
                String bounded = bound(uri);
                if (bounded.equals(uri)) {
                    return id;
                }
                List<Tag> tags = new ArrayList<>();
                for (Tag t : id.getTagsAsIterable()) {
                    tags.add(t.getKey().equals("uri") ? Tag.of("uri", bounded) : t);
                }
                return id.replaceTags(tags);
            }
        };
    }

    /** The route template a uri tag stands for, or {@code OTHER}. */
    static String bound(String uri) {
        if (KNOWN_URIS.contains(uri)) {
            return uri;
        }
        if (uri.startsWith("/api/v1/models/{name")) {
            return NAME_ROUTE;
        }
        return "OTHER";
    }
}
