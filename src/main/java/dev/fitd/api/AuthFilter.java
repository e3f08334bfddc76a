package dev.fitd.api;

import dev.fitd.config.SecurityConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Optional bearer-token check in front of the API. Deny by default: when {@code fitd.security.token} is
 * set, every request the REST layer sees needs {@code Authorization: Bearer <token>}, except
 * {@link #OPEN_PATHS}. The Quarkus endpoints under {@code /q/} (health probes, metrics) are not served by
 * the REST layer and stay open, as probes must work without secrets; so does {@code /q/openapi}, which
 * the REST layer serves ({@link OpenApiResource}) and which describes the API, not the machine.
 *
 * <p>The presented token and the configured one are both hashed with SHA-256 and the digests compared
 * with {@link MessageDigest#isEqual} (constant time in the digest length), so neither the content nor
 * the length of the token leaks through response timing.
 *
 * <p>Pre-matching, so a request for a path that does not exist gets 401 rather than a 404 that would
 * reveal the route table to an unauthenticated caller.
 */
public class AuthFilter {
    private static final Logger LOG = Logger.getLogger(AuthFilter.class);

    /** Paths answered without a token: the liveness endpoint of the API itself and the OpenAPI document. */
    static final Set<String> OPEN_PATHS = Set.of("/health", "/q/openapi");

    private static final String CHALLENGE = "Bearer realm=\"fitd\"";
    private static final String PREFIX = "bearer ";

    private final byte[] expectedDigest;

    @Inject
    public AuthFilter(SecurityConfig config) {
        this.expectedDigest = config.token().map(String::strip).filter(t -> !t.isEmpty()).map(AuthFilter::sha256)
                .orElse(null);
    }

    void warnWhenExposed(@Observes StartupEvent start, @ConfigProperty(name = "quarkus.http.host") String host,
                         @ConfigProperty(name = "quarkus.http.domain-socket-enabled", defaultValue = "false")
                         boolean socket) {
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        if (expectedDigest == null && (!loopback || socket)) {
            LOG.warnf("fitd listens on %s without a bearer token: anyone who can reach it can read this machine's "
                    + "hardware and model list. Set fitd.security.token (FITD_SECURITY_TOKEN).",
                    socket ? "a Unix socket" : host);
        }
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request) {
        if (expectedDigest == null || OPEN_PATHS.contains(request.getUriInfo().getPath())) {
            return null;
        }
        List<String> values = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (values == null || values.isEmpty()) {
            return unauthorized("missing bearer token: send the header 'Authorization: Bearer <token>'", CHALLENGE);
        }
        Optional<String> presented = values.size() == 1 ? bearer(values.get(0)) : Optional.empty();
        if (presented.isEmpty() || !MessageDigest.isEqual(expectedDigest, sha256(presented.get()))) {
            return unauthorized("invalid bearer token", CHALLENGE + ", error=\"invalid_token\"");
        }
        return null;
    }

    private static Optional<String> bearer(String header) {
        if (header.length() <= PREFIX.length()
                || !header.substring(0, PREFIX.length()).toLowerCase(Locale.ROOT).equals(PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(PREFIX.length()).strip());
    }

    private static Response unauthorized(String message, String challenge) {
        return Response.fromResponse(ErrorMappers.json(401, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
