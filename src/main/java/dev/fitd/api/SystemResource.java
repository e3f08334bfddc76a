package dev.fitd.api;

import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.service.CatalogService;
import dev.fitd.service.SnapshotService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/system} and {@code GET /health}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    /** {@code {"node": ..., "system": ...}}. */
    public record SystemResponse(NodeView node, SystemView system) { }

    /** {@code {"status": "ok", "node": ...}}. */
    public record HealthResponse(String status, NodeView node) { }

    @Inject
    SnapshotService snapshots;
    @Inject
    CatalogService catalogs;

    @GET
    @Path("api/v1/system")
    public SystemResponse system() {
        HardwareSnapshot s = snapshots.current();
        return ApiViews.system(s, catalogs.current());
    }

    @GET
    @Path("health")
    public HealthResponse health() {
        return new HealthResponse("ok", NodeView.of(snapshots.current()));
    }
}
