package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fitd.query.QueryParser;
import dev.fitd.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No failure modes: 12 000 random and hostile request targets (huge numbers, unicode, raw and broken
 * percent-encoding, repeated and unknown parameters, encoded slashes, path traversal, 100 kB values)
 * sent byte for byte over one keep-alive connection, then 6 000 requests that also vary the method, the
 * headers and the body ({@link #hostileMethodsHeadersAndBodies}). Every answer must be fitd's JSON
 * ({@code {"error": ...}} for every status but 200) with the one Content-Type {@code application/json},
 * never a 5xx, HTML or plain text, a stack trace or a class name. The only bodiless answers allowed are
 * Netty's own, before any route runs: 414/431 over its backstop limits (a request line over 32 KiB,
 * headers over 64 KiB), and 400 for a request that is not HTTP at all (a Content-Length that is not a
 * number): Quarkus has no hook for those. Seeded, so a failure replays.
 */
@QuarkusTest
class HostileRequestFuzzTest {
    static final int CASES = 12_000;
    static final long SEED = 20_261_122L;

    /** Statuses fitd answers, each with a JSON body. */
    static final Set<Integer> JSON_STATUSES = Set.of(200, 400, 403, 404, 405, 406, 414, 431);
    /** Netty's backstop for the request line (quarkus.http.limits.max-initial-line-length). */
    static final int NETTY_LINE_LIMIT = 32 * 1024;
    static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-zA-Z.$]+\\(|dev\\.fitd|java\\.|jakarta\\.|io\\.quarkus|io\\.vertx|<html|<!DOCTYPE",
            Pattern.CASE_INSENSITIVE);

    static final String[] PATHS = {"/api/v1/models", "/api/v1/models/top", "/api/v1/models/", "/api/v1/system",
            "/health", "/api/v1/models/meta-llama%2FLlama-3.1-8B-Instruct", "/api/v1/models/meta-llama/Llama-3.1-8B-Instruct",
            "/api/v1/models/llama", "/api/v1/models/qwen", "/api/v1/models/top/", "/api/v1", "/api", "/", "/q/health/ready",
            "/api/v1/runtimes"};
    static final String[] HOSTILE_PATHS = {"/api/v1/models/../../../../etc/passwd", "/api/v1/models/..%2F..%2F..%2Fetc%2Fpasswd",
            "/api/v1/models/%2e%2e/%2e%2e/etc/passwd", "/..;/api/v1/models", "//api//v1//models", "/api/v1/models/%00",
            "/api/v1/models/%", "/api/v1/models/%zz", "/api/v1/models/%C0%AE%C0%AE%2F", "/api/v1/models/%FF%FE",
            "/api/v1/models;jsessionid=1", "/api/v1/models/top;x=y", "/API/V1/MODELS", "/api/v1/models/%5C..%5C..%5Cwin.ini",
            "/api/v1/models/\u00e9t\u00e9", "/api/v1/models/\ud83e\udd99", "/api/v1/models/%F0%9F%A6%99",
            "/api/v1/models/" + "a".repeat(300), "/api/v1/models/" + "%2F".repeat(50), "/q/../api/v1/system",
            "/api/v1/models/%252e%252e%252f", "/api/v1/models/$%7Bjndi:ldap://x/a%7D", "/api/v1/models/<script>",
            "/api/v1/models/'%20OR%201=1--", "/api/v1/models/%0d%0aSet-Cookie:%20x=y", "/q/", "/q/nothing",
            "/q/health/%2e%2e", "/api/v1/system/../models", "/favicon.ico", "/index.html", "/api/v1/models/*"};
    static final String[] VALUES = {"0", "1", "5", "-1", "abc", "true", "false", "TRUE", " good ", "perfect", "good",
            "marginal", "too_tight", "llamacpp", "llama.cpp", "mlx", "any", "coding", "vision", "embed", "score", "tps",
            "ctx", "date", "meta", "Qwen", "Q4_K_M", "q8_0", "f16", "24", "0.5", "1e3", "1.5e309", "NaN", "Infinity",
            "0x10", "1_000", "99999999999999999999999", "2147483648", "-2147483649", "10485761", "4096", "32768",
            "00000000001", "1.", ".5", "1..2", "++1", "%", "%%", "%2", "%zz", "%G0", "%00", "%C0%80", "%FF", "%E2%82",
            "%F0%9F%98%80", "\u00fc", "\u202e\u0635", "\u0301\u0301", "%E2%80%AE", "<script>alert(1)</script>",
            "'%20OR%201=1--", "${jndi:ldap://x/a}", "#{7*7}", "%0d%0aX-Injected:%201", "a%26b%3Dc", "[]", "{}",
            "none", "NVIDIA%20GeForce%20RTX%204090", "Apple+M2+Max", "", " ", "%20%20", "null", "undefined"};
    static final String[] EXTRA_NAMES = {"minfit", "LIMIT", "Limit ", "limit[]", "", "%00", "a%3Db", "sort%00",
            "\u00e9", "__proto__", "constructor", "%", "n%20", "perfect%3D"};

    @TestHTTPResource("/")
    URL base;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void hostileTargetsGetOnlyJsonAnswersOrTransportLimits() throws Exception {
        Random r = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int[] byStatus = new int[600];
        int bareNotHttp = 0;
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            for (int i = 0; i < CASES; i++) {
                byte[] target = target(r, i);
                RawHttp.Reply reply = http.get(target, "Accept: */*");
                byStatus[reply.status()]++;
                if (reply.body().length == 0 && reply.status() == 400) {
                    bareNotHttp++;
                }
                String problem = target.length > NETTY_LINE_LIMIT && reply.status() == 414 && reply.body().length == 0
                        || notHttp(target) && reply.status() == 400 && reply.body().length == 0 ? null
                        : dashboardPage(target) ? dashboardProblem(reply) : problem(reply, false);
                if (problem != null && failures.size() < 25) {
                    failures.add(problem + " <- GET " + shorten(new String(target, StandardCharsets.ISO_8859_1)));
                }
            }
        }
        StringBuilder hist = new StringBuilder("fuzz answers by status:");
        for (int s = 0; s < byStatus.length; s++) {
            if (byStatus[s] > 0) {
                hist.append(' ').append(s).append('=').append(byStatus[s]);
            }
        }
        System.out.println(hist.append(" (of which bare 400, not HTTP: ").append(bareNotHttp).append(')'));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        Set<String> uris = new java.util.TreeSet<>();
        java.util.regex.Matcher m = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"")
                .matcher(io.restassured.RestAssured.get("/q/metrics").asString());
        while (m.find()) {
            uris.add(m.group(1));
        }
        assertTrue(dev.fitd.service.MetricsFiltersAccess.KNOWN_URIS.containsAll(uris),
                "request metrics stay bounded to the routes: " + uris);
        assertTrue(byStatus[200] > 1_000 && byStatus[400] > 1_000 && byStatus[404] > 100,
                "the generator reaches valid, invalid and unknown targets: 200=" + byStatus[200] + " 400="
                        + byStatus[400] + " 404=" + byStatus[404] + " 414=" + byStatus[414]);
        assertTrue(byStatus[414] > 10, "100 kB values reach the request-line limit");
        assertTrue(byStatus[400] > 1_000, "malformed escapes and invalid UTF-8 are JSON 400s now");
    }

    /** The dashboard's page ({@code /}, {@code /index.html}): static HTML, whatever the query string. */
    static final Set<String> DASHBOARD_PAGES = Set.of("/", "/index.html");

    static boolean dashboardPage(byte[] target) {
        String t = new String(target, StandardCharsets.ISO_8859_1);
        int q = t.indexOf('?');
        return DASHBOARD_PAGES.contains(q < 0 ? t : t.substring(0, q));
    }

    /** The dashboard page is answered as the static file it is, 200 HTML; refused requests get fitd's JSON errors. */
    private String dashboardProblem(RawHttp.Reply reply) {
        return dashboardProblem(reply, false);
    }

    /** As {@link #dashboardProblem(RawHttp.Reply)}; a HEAD answer may leave out the type and has no body. */
    private String dashboardProblem(RawHttp.Reply reply, boolean head) {
        if (reply.status() != 200) {
            return problem(reply, head);
        }
        String type = reply.header("content-type");
        if (head) {
            return reply.body().length == 0 && (type == null || type.startsWith("text/html")) ? null
                    : "dashboard page HEAD: content-type " + type + ", " + reply.body().length + " body bytes";
        }
        return type != null && type.startsWith("text/html") ? null
                : "dashboard page: status " + reply.status() + " content-type " + type;
    }

    /** What is wrong with a reply, or null. A HEAD answer has no body to check. */
    private String problem(RawHttp.Reply reply, boolean head) {
        int status = reply.status();
        String body = reply.text();
        if (!JSON_STATUSES.contains(status)) {
            return "status " + status + " " + shorten(body);
        }
        String type = reply.header("content-type");
        if (!"application/json".equals(type)) {
            return "content-type " + type + " on " + status + " " + shorten(body);
        }
        if (head) {
            return reply.body().length == 0 ? null : "a body on a HEAD answer";
        }
        try {
            JsonNode node = json.readTree(body);
            // every error is {"error": ...}; a /models/{name} 404 adds did_you_mean (a list of catalog keys)
            boolean nameNotFound = status == 404 && node.size() == 2 && node.path("did_you_mean").isArray();
            if (status != 200 && ((node.size() != 1 && !nameNotFound) || !node.path("error").isTextual())) {
                return "error body is not {\"error\": ...}: " + shorten(body);
            }
            if (status != 200 && LEAK.matcher(body).find()) {
                return "error body leaks internals: " + shorten(body);
            }
        } catch (Exception e) {
            return "not JSON: " + shorten(body);
        }
        return null;
    }

    static byte[] target(Random r, int i) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        int kind = r.nextInt(10);
        String path = kind == 0 ? HOSTILE_PATHS[r.nextInt(HOSTILE_PATHS.length)] : PATHS[r.nextInt(PATHS.length)];
        t.writeBytes(path.getBytes(StandardCharsets.UTF_8));
        if (kind == 1 && i % 37 == 0) {
            // a 100 kB value: beyond the request-line limit
            t.writeBytes(("?search=" + "x".repeat(100_000)).getBytes(StandardCharsets.US_ASCII));
            return t.toByteArray();
        }
        int params = r.nextInt(5);
        if (params == 0) {
            return t.toByteArray();
        }
        t.write('?');
        for (int p = 0; p < params; p++) {
            if (p > 0) {
                t.write(r.nextInt(20) == 0 ? ';' : '&');
            }
            String name = r.nextInt(8) == 0 ? EXTRA_NAMES[r.nextInt(EXTRA_NAMES.length)]
                    : QueryParser.PARAMETERS.get(r.nextInt(QueryParser.PARAMETERS.size()));
            String value = switch (r.nextInt(12)) {
                case 0 -> randomUnicode(r);
                case 1 -> String.valueOf(r.nextLong());
                case 2 -> "9".repeat(1 + r.nextInt(400));
                case 3 -> randomBytes(r);
                default -> VALUES[r.nextInt(VALUES.length)];
            };
            t.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            if (r.nextInt(15) != 0) {
                t.write('=');
                t.writeBytes(value.getBytes(StandardCharsets.UTF_8));
            }
        }
        return t.toByteArray();
    }

    private static String randomUnicode(Random r) {
        StringBuilder b = new StringBuilder();
        for (int n = 1 + r.nextInt(12); n > 0; n--) {
            int cp;
            do {
                cp = r.nextInt(4) == 0 ? 0x1F300 + r.nextInt(0x300) : 0xA1 + r.nextInt(0x3000);
            } while (Character.isSurrogate((char) cp) || Character.isWhitespace(cp) || Character.isISOControl(cp));
            b.appendCodePoint(cp);
        }
        return r.nextBoolean() ? b.toString() : percentEncode(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encoded random bytes, often invalid UTF-8. */
    private static String randomBytes(Random r) {
        byte[] bytes = new byte[1 + r.nextInt(16)];
        r.nextBytes(bytes);
        return percentEncode(bytes);
    }

    private static String percentEncode(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append('%').append(String.format("%02X", x & 0xff));
        }
        return b.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...(" + s.length() + " chars)";
    }

    static final String[] METHODS = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND",
            "BREW", "get", "M-SEARCH", "X"};
    static final String[] ACCEPTS = {"*/*", "application/json", "text/plain", "text/html", "application/xml",
            "application/json;q=0", "*/*;q=0.1, text/html", "garbage", "", "application/*", "text/*;charset=utf-8"};
    static final int HEADER_CASES = 6_000;

    /**
     * Methods, headers and bodies as well as targets: odd and lower-case methods, {@code Accept} values,
     * repeated headers, raw UTF-8 and invalid bytes in header values, bodies on GET, long header blocks,
     * and targets with malformed escapes, invalid UTF-8, overlong values and parameters repeated up to 50
     * times. Raw sockets, because HTTP clients would refuse or repair most of these.
     */
    @Test
    void hostileMethodsHeadersAndBodies() throws Exception {
        Random r = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        int[] byStatus = new int[600];
        int bare = 0;
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            for (int i = 0; i < HEADER_CASES; i++) {
                String method = r.nextInt(10) < 7 ? "GET" : r.nextInt(3) == 0 ? "HEAD" : METHODS[r.nextInt(METHODS.length)];
                byte[] target = hostileTarget(r, i);
                List<String> headers = new ArrayList<>();
                boolean undecodable = notHttp(target);
                for (int h = r.nextInt(6); h > 0; h--) {
                    switch (r.nextInt(10)) {
                        case 0, 1 -> headers.add("Accept: " + ACCEPTS[r.nextInt(ACCEPTS.length)]);
                        case 2 -> headers.add("X-Repeat: " + r.nextInt(9));
                        case 3 -> headers.add("X-Unicode: " + new String(randomUnicode(r).getBytes(StandardCharsets.UTF_8),
                                StandardCharsets.ISO_8859_1));
                        case 4 -> headers.add("X-Bytes: " + new String(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                                StandardCharsets.ISO_8859_1));
                        case 5 -> headers.add("X-Long: " + "l".repeat(1 + r.nextInt(r.nextInt(10) == 0 ? 20_000 : 2_000)));
                        case 6 -> headers.add("Content-Type: " + (r.nextBoolean() ? "application/json" : "text/x-odd; a=b"));
                        case 7 -> headers.add("Origin: https://" + (r.nextBoolean() ? "evil.example" : "dashboard.example.test"));
                        case 8 -> headers.add("Authorization: Bearer " + "t".repeat(r.nextInt(40)));
                        default -> {
                            headers.add("Content-Length: " + (r.nextBoolean() ? "abc" : "-1"));
                            undecodable = true;
                        }
                    }
                }
                byte[] body = new byte[0];
                if (!undecodable && r.nextInt(6) == 0) {
                    body = ("{\"limit\": " + r.nextInt() + "}").getBytes(StandardCharsets.US_ASCII);
                    headers.add("Content-Length: " + body.length);
                }
                RawHttp.Reply reply;
                try {
                    reply = http.send(method, target, body, headers.toArray(String[]::new));
                } catch (java.io.IOException closed) {
                    http.close();
                    if (undecodable) {
                        bare++;
                        continue;   // Netty closed a connection whose request was not HTTP
                    }
                    throw new AssertionError("connection lost on " + method + " "
                            + shorten(new String(target, StandardCharsets.ISO_8859_1)) + " " + headers, closed);
                }
                if (undecodable && reply.status() == 400 && reply.body().length == 0) {
                    bare++;
                    http.close();
                    continue;
                }
                byStatus[reply.status()]++;
                String problem = dashboardPage(target) && reply.status() == 200
                        ? dashboardProblem(reply, method.equals("HEAD")) : problem(reply, method.equals("HEAD"));
                if (problem != null && failures.size() < 25) {
                    failures.add(problem + " <- " + method + " " + shorten(new String(target, StandardCharsets.ISO_8859_1))
                            + " " + shorten(headers.toString()));
                }
                if ("close".equalsIgnoreCase(reply.header("connection"))) {
                    http.close();
                }
            }
        }
        StringBuilder hist = new StringBuilder("fuzz (methods, headers, bodies) answers by status:");
        for (int s = 0; s < byStatus.length; s++) {
            if (byStatus[s] > 0) {
                hist.append(' ').append(s).append('=').append(byStatus[s]);
            }
        }
        System.out.println(hist.append(" bare-400-not-HTTP=").append(bare));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(byStatus[200] > 300 && byStatus[400] > 500 && byStatus[403] > 50 && byStatus[405] > 300
                && byStatus[406] > 50 && byStatus[431] > 5, "the generator reaches every kind of answer: " + hist);
    }

    /**
     * Whether the request line cannot be HTTP: a raw space, tab, CR or LF in the target splits it into
     * more than three parts, and Netty's decoder refuses it (bare 400, connection closed) before any route.
     */
    static boolean notHttp(byte[] target) {
        for (byte b : target) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x0b || b == 0x0c) {
                return true;
            }
        }
        return false;
    }

    /** A target with the hostile features of issue 20 mixed into {@link #target}. */
    static byte[] hostileTarget(Random r, int i) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        byte[] base = target(r, i);
        if (base.length > NETTY_LINE_LIMIT) {
            base = "/api/v1/models?search=x".getBytes(StandardCharsets.US_ASCII);
        }
        t.writeBytes(base);
        boolean hasQuery = new String(base, StandardCharsets.ISO_8859_1).contains("?");
        switch (r.nextInt(6)) {
            case 0 -> { // a malformed escape at the end or in the middle
                String[] bad = {"%", "%z", "%zz", "%2", "%G1", "%%", "%-1", "%\u00e9"};
                t.writeBytes(((hasQuery ? "&x=" : "?x=") + bad[r.nextInt(bad.length)]).getBytes(StandardCharsets.UTF_8));
            }
            case 1 -> { // raw invalid UTF-8: a lone continuation byte, a truncated or overlong sequence
                byte[][] bad = {{(byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF},
                        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}};
                t.writeBytes((hasQuery ? "&search=" : "?search=").getBytes(StandardCharsets.US_ASCII));
                t.writeBytes(bad[r.nextInt(bad.length)]);
            }
            case 2 -> { // one parameter repeated
                String name = QueryParser.PARAMETERS.get(r.nextInt(QueryParser.PARAMETERS.size()));
                StringBuilder b = new StringBuilder(hasQuery ? "" : "?");
                for (int n = 2 + r.nextInt(49); n > 0; n--) {
                    b.append(b.length() > 1 ? "&" : hasQuery ? "&" : "").append(name).append('=').append(r.nextInt(9));
                }
                t.writeBytes(b.toString().getBytes(StandardCharsets.US_ASCII));
            }
            case 3 -> // an overlong value, under or over fitd's 8 KiB request line
                t.writeBytes(((hasQuery ? "&search=" : "?search=") + "v".repeat(r.nextInt(10_000)))
                        .getBytes(StandardCharsets.US_ASCII));
            default -> { }
        }
        return t.toByteArray();
    }

    @Test
    void everyMethodOtherThanGetIsAJsonError() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE")) {
            java.net.http.HttpResponse<String> reply = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(base.toURI().resolve("/api/v1/models"))
                            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{\"x\":1}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(reply.statusCode() == 405 || reply.statusCode() == 400, method + " -> " + reply.statusCode());
            assertEquals("application/json", reply.headers().firstValue("content-type").orElse("").split(";")[0],
                    method + " answers JSON: " + reply.body());
        }
    }
}
