package dev.fitd.api;

import dev.fitd.query.QueryException;
import dev.fitd.query.QueryParser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /q/openapi}: the OpenAPI 3.1 document of the API, YAML by default, JSON with
 * {@code ?format=json} or an {@code Accept} header naming {@code application/json} (as SmallRye
 * OpenAPI serves it). The document is a file in the application, {@value #JSON} and {@value #YAML},
 * generated from the resource classes by {@code OpenApiDocumentTest} with SmallRye OpenAPI's annotation
 * scanner and {@code OpenApiFilter} (every query parameter, the error shape); that test fails when the
 * committed files differ from what the code generates. Serving a file costs nothing at start, where the
 * quarkus-smallrye-openapi extension re-read and re-serialised the document (~0.2 s on a 2-core box).
 *
 * <p>The only parameter is {@code format} ({@code json} or {@code yaml}, trimmed, any case); anything
 * else, a repeat or another value is a 400 naming it, by the same rules as the rest of the API.
 */
@Path("/q/openapi")
public class OpenApiResource {
    static final String JSON = "META-INF/fitd/openapi.json";
    static final String YAML = "META-INF/fitd/openapi.yaml";
    static final String JSON_TYPE = "application/json";
    static final String YAML_TYPE = "application/yaml";   // one spelling, as documented: no parameters

    /** Both renderings, read on the first request. */
    private static final class Documents {
        static final byte[] JSON_BYTES = read(JSON);
        static final byte[] YAML_BYTES = read(YAML);

        private static byte[] read(String resource) {
            try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the OpenAPI document " + resource + " is not in the application");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @GET
    public Response document(@Context UriInfo uri, @Context HttpHeaders headers) {
        boolean json = wantsJson(uri.getQueryParameters(true), headers.getHeaderString(HttpHeaders.ACCEPT));
        return Response.ok(json ? Documents.JSON_BYTES : Documents.YAML_BYTES, json ? JSON_TYPE : YAML_TYPE).build();
    }

    /**
     * Whether to answer JSON: {@code format} decides when given, else the {@code Accept} header.
     *
     * @throws QueryException for a parameter other than {@code format}, a repeated or empty one
     *     ({@link QueryParser#normalise}), or a value other than {@code json} and {@code yaml}
     */
    static boolean wantsJson(Map<String, List<String>> query, String accept) {
        String format = QueryParser.normalise(query, List.of("format")).get("format");
        if (format != null) {
            return switch (format) {
                case "json" -> true;
                case "yaml", "yml" -> false;
                default -> throw new QueryException("format", "invalid value for format: '" + QueryParser.shorten(format)
                        + "'. Accepted values: json, yaml");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }
}
