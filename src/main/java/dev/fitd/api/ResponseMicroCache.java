package dev.fitd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fitd.config.ResponseCacheConfig;
import dev.fitd.service.FitdState;
import dev.fitd.service.StateHolder;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
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
 * current {@link FitdState} (its {@linkplain FitdState#versions() versions}: hardware snapshot, local-runtime
 * inventory and catalog, which also key the graded-row cache). Under a fleet of schedulers polling the same URLs this
 * turns filter, sort and serialization into one map lookup; a new snapshot, a new inventory, a reloaded
 * catalog or the TTL makes the next request recompute.
 *
 * <p>The state is read once per request, here, and handed to the resource ({@link #stateOf}), which answers
 * from that same value: an entry is stored under exactly the versions of the data it holds, so after a
 * reload no request gets an answer computed from the old catalog.
 *
 * <p>Runs after the bearer-token check (a pre-matching filter), so a cached answer is never given to a
 * caller that would not get a fresh one. Only 200 answers of at most {@code max-entry-bytes} are kept,
 * at most {@code max-entries} of them: errors are cheap and hostile query strings cannot grow it.
 * A miss serializes once: the bytes kept are the bytes sent.
 */
public class ResponseMicroCache {
    static final String KEY = ResponseMicroCache.class.getName() + ".key";
    static final String VERSIONS = ResponseMicroCache.class.getName() + ".versions";
    private static final String STATE = ResponseMicroCache.class.getName() + ".state";
    private static final String PREFIX = "/api/v1/models";

    private record Entry(FitdState.Versions versions, long expiresNanos, byte[] body) { }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final int maxEntryBytes;

    @Inject
    StateHolder states;
    @Inject
    ObjectMapper json;

    @Inject
    public ResponseMicroCache(ResponseCacheConfig config) {
        this.ttlNanos = config.ttl().toNanos();
        this.maxEntries = config.maxEntries();
        this.maxEntryBytes = config.maxEntryBytes();
    }

    @ServerRequestFilter
    public Response lookup(ContainerRequestContext request, HttpServerRequest http, RoutingContext routing) {
        if (ttlNanos <= 0 || !"GET".equals(request.getMethod())) {
            return null;
        }
        String target = http.uri();
        if (target == null || !target.startsWith(PREFIX)) {
            return null;
        }
        FitdState state = states.current();
        if (state == null) {
            return null;
        }
        FitdState.Versions versions = state.versions();
        Entry e = entries.get(target);
        if (e != null && e.versions.equals(versions) && System.nanoTime() - e.expiresNanos < 0) {
            return Response.ok(e.body, MediaType.APPLICATION_JSON_TYPE).build();
        }
        request.setProperty(KEY, target);
        request.setProperty(VERSIONS, versions);
        routing.put(STATE, state);
        return null;
    }

    /**
     * The state this request's lookup read, for the resource to answer from; null when the cache did not look
     * (cache off, not a model GET), and then the resource reads the holder itself, once.
     */
    static FitdState stateOf(RoutingContext routing) {
        return routing == null ? null : routing.get(STATE);
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
            entries.put((String) key, new Entry((FitdState.Versions) request.getProperty(VERSIONS),
                    System.nanoTime() + ttlNanos, body));
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
