package dev.fitd.api;

import dev.fitd.service.FitdState;
import dev.fitd.service.StateHolder;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/runtimes}: every local runtime fitd knows, reachable or not, with its version,
 * counts and last error, and how many installed models it could not match to the catalog ({@link RuntimesView}).
 */
@Path("/api/v1/runtimes")
@Produces(MediaType.APPLICATION_JSON)
public class RuntimesResource {

    @Inject
    StateHolder states;

    @GET
    public RuntimesView.RuntimesResponse list() {
        FitdState state = states.current();
        return RuntimesView.RuntimesResponse.of(state.inventory(), state.inventoryVersion());
    }
}
