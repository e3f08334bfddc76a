package dev.fitd.service;

import dev.fitd.catalog.CatalogState;
import dev.fitd.hardware.HardwareSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: fitd can answer once it holds a hardware snapshot and a non-empty catalog.
 * Liveness ({@code /q/health/live}) has no check of its own: a daemon that answers HTTP is alive, and a
 * failing hardware source is a warning in the snapshot, not a reason to restart the pod.
 *
 * <p>An overlay file that cannot be read or is malformed does not make fitd unready either: the last
 * good catalog answers. The data says so: {@code catalog_reload_errors} counts the problems and
 * {@code catalog_warnings} (present only then) names each file and problem, one per line.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    StateHolder states;
    @Inject
    CatalogService catalogs;

    @Override
    public HealthCheckResponse call() {
        FitdState state = states.current();   // null only before the first probe
        HardwareSnapshot s = state == null ? null : state.hardware();
        CatalogState catalog = state == null ? catalogs.current() : state.catalog();
        int models = catalog.catalog().size();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("fitd").withData("catalog_models", models)
                .withData("catalog_version", catalog.version())
                .withData("catalog_reload_errors", catalog.warnings().size());
        if (!catalog.warnings().isEmpty()) {
            b.withData("catalog_warnings", String.join("\n", catalog.warnings()));
        }
        if (s != null) {
            b.withData("snapshot_version", s.version())
                    .withData("snapshot_age_seconds", Duration.between(s.takenAt(), Instant.now()).toSeconds())
                    .withData("probe_warnings", s.warnings().size());
        }
        return b.status(s != null && models > 0).build();
    }
}
