package dev.fitd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Who may call the API. fitd listens on loopback by default; once it listens anywhere else (a pod IP, a
 * shared Unix socket), a bearer token keeps other tenants of the node from reading what it knows.
 * CORS, request-size limits and the listen address are Quarkus keys ({@code quarkus.http.*}); see
 * {@code config/fitd.example.properties}.
 */
@ConfigMapping(prefix = "fitd.security")
public interface SecurityConfig {

    /**
     * Bearer token required on every API path (everything served by the REST layer except
     * {@code /health}); {@code /q/health/*} stay open for probes. Absent: no authentication. Set it
     * from a secret ({@code FITD_SECURITY_TOKEN}), never in a file that is committed.
     */
    Optional<String> token();

    /**
     * File mode of the Unix domain socket ({@code quarkus.http.domain-socket}, when enabled), set as soon as
     * it is bound: owner and group may connect, others may not. Share the socket with a sidecar by giving
     * both the same group ({@code fsGroup} in Kubernetes).
     */
    @WithDefault("rw-rw----")
    String socketPermissions();
}
