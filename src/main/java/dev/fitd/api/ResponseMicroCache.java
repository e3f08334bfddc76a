package dev.fitd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fitd.config.ResponseCacheConfig;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.service.RuntimeService;
import dev.fitd.service.SnapshotService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A micro-cache for the model endpoints: a successful answer is kept as the JSON bytes that were
 * sent, keyed by the raw request target ({@code /api/v1/models/top?limit=5}), and sent again for an
 * identical request while it is younger than {@code fitd.response-cache.ttl} (1 s) and computed from the
 * current hardware snapshot, the current local-runtime inventory and the current catalog (the three
 * versions that also key the graded-row cache). Under a fleet of schedulers polling the same URLs this
 * turns filter, sort and serialization into one map lookup; a new snapshot, a new inventory, a reloaded
 * catalog or the TTL makes the next request recompute.
 *
 * <p>The versions are read before the answer is computed, from the same {@link RuntimeService.Current}
 * the answer then reads (or a newer one), so an entry is never stored under versions newer than the
 * data it holds: after a reload no request gets an answer computed from the old catalog.
 *
 * <p>Runs after the bearer-token check (a pre-matching filter), so a cached answer is never given to a
 * caller that would not get a fresh one. Only 200 answers of at most {@code max-entry-bytes} are kept,
 * at most {@code max-entries} of them: errors are cheap and hostile query strings cannot grow it.
 * A miss serializes once: the bytes kept are the bytes sent.
 */
public class ResponseMicroCache {
    static final String KEY = ResponseMicroCache.class.getName() + ".key";
    static final String VERSION = ResponseMicroCache.class.getName() + ".version";
    static final String INVENTORY = ResponseMicroCache.class.getName() + ".inventory";
    static final String CATALOG = ResponseMicroCache.class.getName() + ".catalog";
    private static final String PREFIX = "/api/v1/models";

    private record Entry(long snapshotVersion, long inventoryVersion, long catalogVersion, long expiresNanos,
                         byte[] body) { }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final int maxEntryBytes;

    @Inject
    SnapshotService snapshots;
    @Inject
    RuntimeService runtimes;
    @Inject
    ObjectMapper json;

    @Inject
    public ResponseMicroCache(ResponseCacheConfig config) {
        this.ttlNanos = config.ttl().toNanos();
        this.maxEntries = config.maxEntries();
        this.maxEntryBytes = config.maxEntryBytes();
    }

    @ServerRequestFilter
    public Response lookup(ContainerRequestContext request, HttpServerRequest http) {
        if (ttlNanos <= 0 || !"GET".equals(request.getMethod())) {
            return null;
        }
        String target = http.uri();
        HardwareSnapshot snapshot = snapshots.current();
        if (target == null || !target.startsWith(PREFIX) || snapshot == null) {
            return null;
        }
        RuntimeService.Current local = runtimes.current();
        long inventory = local.version();
        long catalog = local.catalog().version();
        Entry e = entries.get(target);
        if (e != null && e.snapshotVersion == snapshot.version() && e.inventoryVersion == inventory
                && e.catalogVersion == catalog && System.nanoTime() - e.expiresNanos < 0) {
            return Response.ok(e.body, MediaType.APPLICATION_JSON_TYPE).build();
        }
        request.setProperty(KEY, target);
        request.setProperty(VERSION, snapshot.version());
        request.setProperty(INVENTORY, inventory);
        request.setProperty(CATALOG, catalog);
        return null;
    }

    @ServerResponseFilter
    public void store(ContainerRequestContext request, ContainerResponseContext response) {
        Object key = request.getProperty(KEY);
        Object entity = response.getEntity();
        if (key == null || response.getStatus() != 200 || !(entity instanceof ModelsResponse)) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            return; // leave the entity to the normal writer, whose failure the error mappers handle
        }
        response.setEntity(body, null, MediaType.APPLICATION_JSON_TYPE);
        if (body.length <= maxEntryBytes && room()) {
            entries.put((String) key, new Entry((Long) request.getProperty(VERSION), (Long) request.getProperty(INVENTORY),
                    (Long) request.getProperty(CATALOG), System.nanoTime() + ttlNanos, body));
        }
    }

    /** Whether one more entry fits, after dropping expired ones when full. */
    private boolean room() {
        if (entries.size() < maxEntries) {
            return true;
        }
        long now = System.nanoTime();
        entries.values().removeIf(e -> now - e.expiresNanos >= 0);
        return entries.size() < maxEntries;
    }

    /** Entries kept now (for tests and metrics). */
    int size() {
        return entries.size();
    }
}
