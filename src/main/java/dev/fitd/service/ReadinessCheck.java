package dev.fitd.service;

import dev.fitd.catalog.Catalog;
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
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    SnapshotService snapshots;
    @Inject
    Catalog catalog;

    @Override
    public HealthCheckResponse call() {
        HardwareSnapshot s = snapshots.current();
        int models = catalog.size();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("fitd").withData("catalog_models", models);
        if (s != null) {
            b.withData("snapshot_version", s.version())
                    .withData("snapshot_age_seconds", Duration.between(s.takenAt(), Instant.now()).toSeconds())
                    .withData("probe_warnings", s.warnings().size());
        }
        return b.status(s != null && models > 0).build();
    }
}
