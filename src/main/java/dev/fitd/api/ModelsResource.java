package dev.fitd.api;

import dev.fitd.query.Endpoint;
import dev.fitd.query.ModelQuery;
import dev.fitd.query.QueryParser;
import dev.fitd.query.Selection;
import dev.fitd.service.ModelService;
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
        ModelService.Answer answer = models.answer(query);
        Selection s = answer.selection();
        ModelRow.RowContext ctx = ModelRow.RowContext.of(answer.name() == null ? null : answer.name().how(),
                answer.inventory());
        return new ModelsResponse(NodeView.of(answer.hardware()), SystemView.of(answer.hardware(), answer.catalog()),
                s.totalModels(),
                s.rows().size(), query.effectiveFilters(), s.rows().stream()
                .map(r -> ModelRow.of(r, ModelService.presenceOf(answer.inventory(), r.model().key()), ctx)).toList());
    }
}
