package dev.fitd.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The first route of the HTTP router and its first failure handler: whatever layer would reject a
 * request (URI decoding, request limits, method, body, {@code Accept}), the answer is fitd's
 * {@code {"error": "..."}} JSON naming what was wrong, with one Content-Type spelling,
 * {@value #JSON}, on every JSON answer (the health extension wrote {@code application/json; charset=UTF-8},
 * the OpenAPI resource {@code application/json;charset=UTF-8}; JSON has no charset parameter, RFC 8259 §11).
 *
 * <p>Checked here, in this order, before any other route (health, metrics, OpenAPI, the REST API):
 * <ol>
 * <li>the method: GET and HEAD, and OPTIONS only as a CORS preflight; on {@value #PLAN_PATH} POST only;
 *     anything else is a 405 with {@code Allow: GET, HEAD} (or {@code POST}) (the health extension answered
 *     DELETE with 200 before);</li>
 * <li>the request line ({@value #MAX_REQUEST_LINE} bytes, 414) and the header block
 *     ({@value #MAX_HEADER_BYTES} bytes, 431): fitd's limits. Netty's own decoder limits
 *     ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set four times
 *     higher as a backstop: Netty answers over them before any route runs, with an empty body, and
 *     Quarkus offers no hook for that answer (Vert.x's {@code HttpServer.invalidRequestHandler} is not
 *     exposed: quarkusio/quarkus#55082);</li>
 * <li>a body on a GET or HEAD ({@code Content-Length} other than 0, or {@code Transfer-Encoding}): a 400,
 *     since nothing the client sends may be silently ignored;</li>
 * <li>the request target: no character that URIs do not allow ({@link #NOT_IN_URIS}, controls,
 *     spaces), every percent-escape {@code %} and two hex digits, and the decoded bytes UTF-8. Quarkus
 *     answered a bare 400 to {@code %zz} or {@code <} (its check is turned off by
 *     {@link #takeOverUriValidation}), and the REST layer turned invalid UTF-8 into U+FFFD, silently
 *     changing a {@code search} value;</li>
 * <li>a cross-origin request the CORS filter would refuse with a bare 403 ({@link CrossOrigin});</li>
 * <li>on the health probes ({@link #HEALTH_PATHS}) the {@code Accept} header is replaced by
 *     {@value #JSON}: a probe that asks for {@code text/plain} gets its JSON answer, not a 406.</li>
 * </ol>
 * Any failure that leaves a route unanswered (a Vert.x or Quarkus handler failing with a status) reaches
 * {@link #failure} first, which answers it as JSON; the REST layer's own errors are answered by
 * {@link ErrorMappers}.
 */
public class HttpEdge {
    private static final Logger LOG = Logger.getLogger(HttpEdge.class);

    static final String JSON = "application/json";
    static final int MAX_REQUEST_LINE = 8192;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Before every Quarkus route (the lowest order Quarkus itself uses is around -1 000 000 000, for CORS). */
    static final int ORDER = Integer.MIN_VALUE + 100;
    static final Set<String> HEALTH_PATHS = Set.of("/health", "/q/health", "/q/health/", "/q/health/live",
            "/q/health/ready", "/q/health/started", "/q/health/well");
    static final String ALLOW = "GET, HEAD";
    /** The one path that takes a POST and a (JSON) body: {@link PlanResource}. */
    static final String PLAN_PATH = "/api/v1/plan";

    void install(@Observes Router router) {
        Config config = ConfigProvider.getConfig();
        CrossOrigin cors = new CrossOrigin(config.getOptionalValue("quarkus.http.cors.enabled", Boolean.class).orElse(false),
                config.getOptionalValues("quarkus.http.cors.origins", String.class).orElse(List.of()));
        router.route().order(ORDER).handler(ctx -> screen(ctx, cors)).failureHandler(HttpEdge::failure);
        // Failures outside any route (a RoutingContext that fails while it is created, e.g. on a path that
        // cannot be normalised) go to the router's error handlers, not to route failure handlers.
        for (int status : new int[] {400, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
            router.errorHandler(status, HttpEdge::failure);
        }
    }

    /**
     * The cross-origin requests Quarkus's CORS filter would refuse with a bare 403, answered first as
     * JSON: an {@code Origin} that is not named in {@code quarkus.http.cors.origins} (exactly, or by a
     * {@code /regex/} entry, or {@code *}) and whose host is not the request's own {@code Host}. It
     * refuses a subset of what the filter refuses (an origin on this host with another scheme or port is
     * left to the filter), so it never refuses what the filter would let through.
     */
    record CrossOrigin(boolean enabled, List<String> origins) {
        String refusal(HttpServerRequest req) {
            String origin = req.getHeader(HttpHeaders.ORIGIN);
            if (!enabled || origin == null || origins.contains("*") || origins.contains(origin)) {
                return null;
            }
            for (String o : origins) {
                if (o.length() > 2 && o.startsWith("/") && o.endsWith("/")
                        && Pattern.compile(o.substring(1, o.length() - 1)).matcher(origin).matches()) {
                    return null;
                }
            }
            String host = req.getHeader(HttpHeaders.HOST);
            String originHost = origin.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceFirst("[:/].*$", "");
            if (host != null && host.replaceFirst(":\\d*$", "").equalsIgnoreCase(originHost)) {
                return null;
            }
            return "cross-origin request from '" + printable(origin, 100) + "' refused: the origins allowed are "
                    + "those named in quarkus.http.cors.origins (docs/operations.md, Security)";
        }
    }

    static void screen(RoutingContext ctx, CrossOrigin cors) {
        HttpServerRequest req = ctx.request();
        String problem = null;
        int status = 400;
        HttpMethod method = req.method();
        boolean plan = PLAN_PATH.equals(req.path());
        if (plan ? method != HttpMethod.POST && !isPreflight(req)
                : method != HttpMethod.GET && method != HttpMethod.HEAD && !isPreflight(req)) {
            ctx.response().putHeader(HttpHeaders.ALLOW, plan ? "POST" : ALLOW);
            status = 405;
            problem = "method not allowed: " + printable(method.name(), 20) + (plan
                    ? "; the plan takes POST on /api/v1/plan, with a JSON body" : "; the API answers GET (and HEAD) only, and POST on /api/v1/plan");
        } else if (requestLineBytes(req) > MAX_REQUEST_LINE) {
            status = 414;
            problem = "request line too long: " + requestLineBytes(req) + " bytes, at most " + MAX_REQUEST_LINE;
        } else if (headerBytes(req) > MAX_HEADER_BYTES) {
            status = 431;
            problem = "request headers too large: " + headerBytes(req) + " bytes, at most " + MAX_HEADER_BYTES;
        } else if (method != HttpMethod.OPTIONS && method != HttpMethod.POST && hasBody(req)) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            problem = "a " + method.name() + " request takes no body (Content-Length: "
                    + printable(String.valueOf(req.getHeader(HttpHeaders.CONTENT_LENGTH)), 20)
                    + "); send the parameters in the query string";
        } else {
            problem = uriProblem(req.uri());
            if (problem == null && (problem = cors.refusal(req)) != null) {
                status = 403;
            }
        }
        if (problem != null) {
            answer(ctx.response(), status, problem);
            return;
        }
        String path = req.path();
        if (path != null && HEALTH_PATHS.contains(path)) {   // Set.of refuses contains(null)
            req.headers().set(HttpHeaders.ACCEPT, JSON);
        }
        HttpServerResponse response = ctx.response();
        ctx.addHeadersEndHandler(v -> {
            String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
            if (type != null && type.length() > JSON.length() && type.regionMatches(true, 0, JSON, 0, JSON.length())
                    && (type.charAt(JSON.length()) == ';' || type.charAt(JSON.length()) == ' ')) {
                response.headers().set(HttpHeaders.CONTENT_TYPE, JSON);
            }
        });
        ctx.next();
    }

    private static boolean isPreflight(HttpServerRequest req) {
        return req.method() == HttpMethod.OPTIONS && req.getHeader(HttpHeaders.ORIGIN) != null
                && req.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }

    private static int requestLineBytes(HttpServerRequest req) {
        return req.method().name().length() + 1 + req.uri().length() + " HTTP/1.1".length();
    }

    private static int headerBytes(HttpServerRequest req) {
        int n = 0;
        for (Map.Entry<String, String> h : req.headers()) {
            n += h.getKey().length() + 2 + h.getValue().length() + 2;
        }
        return n;
    }

    private static boolean hasBody(HttpServerRequest req) {
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.strip().equals("0")) || req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /**
     * What is wrong with the request target's percent-encoding or its UTF-8, naming the part (path or
     * query parameter), or null. The target's characters are its bytes (Netty reads the request line as
     * ISO-8859-1), so raw UTF-8 is checked too.
     */
    static String uriProblem(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String problem = partProblem(path, "the path");
        if (problem != null || q < 0) {
            return problem;
        }
        for (String pair : uri.substring(q + 1).split("[&;]", -1)) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String nameProblem = partProblem(rawName, "a parameter name");
            if (nameProblem != null) {
                return nameProblem;
            }
            if (eq >= 0) {
                String name = decodeLenient(rawName);
                problem = partProblem(pair.substring(eq + 1), "the value of parameter '" + printable(name, 40) + "'");
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String partProblem(String raw, String what) {
        boolean plain = true;   // ASCII without escapes: nothing to decode (the common case)
        for (int i = 0; i < raw.length() && plain; i++) {
            char c = raw.charAt(i);
            plain = c > 0x20 && c < 0x7f && c != '%' && NOT_IN_URIS.indexOf(c) < 0;
        }
        if (plain) {
            return null;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        boolean ascii = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c == 0x7f || NOT_IN_URIS.indexOf(c) >= 0) {
                return String.format("character %s is not allowed in %s: percent-encode it (%%%02X)",
                        c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("0x%02X", (int) c), what, (int) c);
            }
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    String seen = raw.substring(i, Math.min(raw.length(), i + 3));
                    return "malformed percent-escape '" + printable(seen, 3) + "' in " + what
                            + ": '%' must be followed by two hex digits (write a literal '%' as %25)";
                }
                bytes[n++] = (byte) (hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
            ascii &= bytes[n - 1] >= 0;
        }
        if (ascii) {
            return null;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n));
            return null;
        } catch (CharacterCodingException e) {
            return what + " is not valid UTF-8 once percent-decoded";
        }
    }

    /**
     * ASCII characters RFC 3986 allows nowhere in a request target ({@code #} only before a fragment,
     * which a client never sends); java.net.URI, which Quarkus used to check targets with, refuses them.
     */
    static final String NOT_IN_URIS = "\"<>\\^`{|}#";

    /**
     * Turns off Quarkus's own check of the request target ({@code new java.net.URI(uri)} for every
     * request, answered with a bare 400): {@link #uriProblem} makes the same check and says what is
     * wrong as JSON. Read once, when Quarkus's HTTP recorder class is initialised, so it must be set
     * before Quarkus starts: by {@code Main}, and by the pom's surefire/failsafe configuration for tests.
     */
    public static void takeOverUriValidation() {
        System.setProperty("vertx.disableURIValidation", "true");
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static String decodeLenient(String raw) {
        try {
            return java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** At most {@code max} characters, control and non-ASCII characters escaped, for an error message. */
    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
                b.append(String.format("\\x%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > max ? b + "..." : b.toString();
    }

    static void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        Throwable failure = ctx.failure();
        if (status < 400 && failure instanceof HttpException he) {
            status = he.getStatusCode();
        }
        if (status < 400) {
            status = 500;
        }
        if (status >= 500) {
            LOG.error("unexpected error outside the REST layer while answering " + printable(ctx.request().method()
                    .name(), 20) + " " + printable(ctx.request().uri(), 200), failure);
        }
        String message = switch (status) {
            // Vert.x's own reasons are plain sentences ("For HTTP/1.x requests, the 'Host' header is required")
            case 400 -> failure instanceof io.vertx.core.VertxException && failure.getMessage() != null
                    ? "bad request: " + printable(failure.getMessage(), 200)
                    : failure instanceof IllegalArgumentException ? "bad request: the request target cannot be decoded"
                    : "bad request";
            case 404 -> ErrorMappers.NOT_FOUND;
            case 405 -> ErrorMappers.METHOD_NOT_ALLOWED;
            case 406 -> "not acceptable: the API answers application/json only";
            case 413 -> "request body too large: only POST /api/v1/plan takes a body, of at most 16 KiB";
            case 414 -> "request line too long";
            case 415 -> "unsupported media type: only POST /api/v1/plan takes a body, as JSON";
            case 431 -> "request headers too large";
            default -> status >= 500 ? "internal error: the request could not be answered; the daemon log has the details"
                    : "request refused (HTTP " + status + ")";
        };
        if (!ctx.response().headWritten()) {
            answer(ctx.response(), status, message);
        } else if (!ctx.response().ended()) {
            ctx.response().end();
        }
    }

    static void answer(HttpServerResponse response, int status, String message) {
        StringBuilder body = new StringBuilder("{\"error\":\"");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '"' || c == '\\') {
                body.append('\\').append(c);
            } else if (c < 0x20) {
                body.append(String.format("\\u%04x", (int) c));
            } else {
                body.append(c);
            }
        }
        body.append("\"}");
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.toString());
    }
}
