package dev.fitd.api;

import dev.fitd.runtime.JoinedInventory;
import dev.fitd.runtime.RuntimeStatus;
import dev.fitd.service.FitdState;
import dev.fitd.service.StateHolder;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/runtimes}: every local runtime fitd knows, reachable or not, with its version,
 * counts and last error, and how many installed models it could not match to the catalog.
 */
@Path("/api/v1/runtimes")
@Produces(MediaType.APPLICATION_JSON)
public class RuntimesResource {

    /** The response: one status per runtime, plus totals over all of them. */
    public record RuntimesResponse(List<RuntimeStatus> runtimes, int installedModels, int loadedInstances,
                                   int catalogued, int uncatalogued, long inventoryVersion) { }

    @Inject
    StateHolder states;

    @GET
    public RuntimesResponse list() {
        FitdState state = states.current();
        JoinedInventory j = state.inventory();
        return new RuntimesResponse(j.source().statuses(), j.source().installed().size(), j.source().loaded().size(),
                j.catalogued().size(), j.uncatalogued().size(), state.inventoryVersion());
    }
}
