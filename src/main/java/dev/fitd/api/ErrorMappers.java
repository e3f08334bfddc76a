package dev.fitd.api;

import dev.fitd.query.QueryException;
import dev.fitd.service.ModelService;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The single exception → status table (after Apicurio's): every failure leaves as
 * {@code {"error": "..."}} JSON with no stack trace and no class name.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response badQuery(QueryException e) {
        return json(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response noSuchModel(ModelService.NoSuchModelException e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(new NoSuchModelBody(e.getMessage(), e.suggestions())).build();
    }

    /** The 404 for a path fitd does not serve, listing the paths it does (also said by {@link HttpEdge}). */
    static final String NOT_FOUND = "not found: see /api/v1/models, /api/v1/models/top, /api/v1/models/{name}, "
            + "/api/v1/system, /api/v1/devices, /api/v1/runtimes, POST /api/v1/plan, /health";
    /** The 405: every path answers GET and HEAD; {@code /api/v1/plan} takes POST only. */
    static final String METHOD_NOT_ALLOWED = "method not allowed: the API answers GET (and HEAD), and POST on /api/v1/plan only";

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> "not acceptable: the API answers application/json only";
            case 415 -> "unsupported media type";
            default -> status >= 500 ? "internal error" : "bad request";
        };
        return json(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error while answering a request", e);
        return json(500, "internal error: the request could not be answered; the daemon log has the details");
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }
}
