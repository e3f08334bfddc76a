package dev.fitd.api;

import dev.fitd.query.Endpoint;
import dev.fitd.query.ModelQuery;
import dev.fitd.query.QueryParser;
import dev.fitd.service.FitdState;
import dev.fitd.service.ModelService;
import dev.fitd.service.StateHolder;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/models}, {@code /models/top} and {@code /models/{name}}. Thin: query parameters
 * arrive as raw strings and are parsed by {@link QueryParser}, so every bad value becomes fitd's own
 * 400 body rather than JAX-RS's 404.
 */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    @Inject
    ModelService models;
    @Inject
    QueryParser parser;
    @Inject
    StateHolder states;
    @Inject
    RoutingContext routing;

    @GET
    public ModelsResponse list(@Context UriInfo uri) {
        return answer(Endpoint.MODELS, null, uri);
    }

    @GET
    @Path("top")
    public ModelsResponse top(@Context UriInfo uri) {
        return answer(Endpoint.TOP, null, uri);
    }

    /** {@code name} may contain a slash, sent as is or percent-encoded ({@code meta-llama%2FLlama-3.1-8B}). */
    @GET
    @Path("{name: .+}")
    public ModelsResponse byName(@PathParam("name") String name, @Context UriInfo uri) {
        return answer(Endpoint.NAME, name, uri);
    }

    private ModelsResponse answer(Endpoint endpoint, String name, UriInfo uri) {
        Map<String, List<String>> raw = new LinkedHashMap<>(uri.getQueryParameters(true));
        ModelQuery query = parser.parse(endpoint, name, raw);
        FitdState state = ResponseMicroCache.stateOf(routing);   // the one state this request reads
        return ApiViews.models(query, models.answer(query, state != null ? state : states.current()));
    }
}
