package dev.fitd.api;

import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.query.QueryParser;
import dev.fitd.service.FitdState;
import dev.fitd.service.ModelService;
import dev.fitd.service.StateHolder;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;

/** {@code GET /api/v1/system} and {@code GET /health}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SystemResource {

    /** {@code {"node": ..., "system": ...}}. */
    public record SystemResponse(NodeView node, SystemView system) { }

    /** {@code {"status": "ok", "node": ...}}. */
    public record HealthResponse(String status, NodeView node) { }

    @Inject
    StateHolder states;
    @Inject
    QueryParser parser;

    /**
     * The machine, or with the hardware what-if parameters of the model endpoints ({@code ram_gb},
     * {@code vram_gb}, {@code cpu_cores}, {@code gpu}, {@code gpu_count}, {@code cpu}, {@code ram_bandwidth_gbps},
     * {@code gpu_bandwidth_gbps}) the machine they describe, derived
     * as the model endpoints derive it. Any other parameter is a 400.
     */
    @GET
    @Path("api/v1/system")
    public SystemResponse system(@Context UriInfo uri) {
        FitdState state = states.current();
        HardwareSnapshot s = ModelService.machine(state.hardware(),
                parser.parseWhatIf(new LinkedHashMap<>(uri.getQueryParameters(true))));
        return ApiViews.system(s, state.catalog());
    }

    @GET
    @Path("health")
    public HealthResponse health() {
        return new HealthResponse("ok", NodeView.of(states.current().hardware()));
    }
}
