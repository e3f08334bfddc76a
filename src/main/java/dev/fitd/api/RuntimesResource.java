package dev.fitd.api;

import dev.fitd.service.RuntimeService;
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
    RuntimeService runtimes;

    @GET
    public RuntimesView.RuntimesResponse list() {
        RuntimeService.Current current = runtimes.current();
        return RuntimesView.RuntimesResponse.of(current.inventory(), current.version());
    }
}
