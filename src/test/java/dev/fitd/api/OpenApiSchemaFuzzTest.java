package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fitd.testsupport.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A schema-driven fuzzer over the document fitd serves at {@code /q/openapi}: no well-kept one could be
 * installed here (schemathesis is a PyPI package and PyPI is not reachable; Debian has no
 * python3-schemathesis; CATS is not on Maven Central; the npm ones are unmaintained since 2021-2022), so
 * this walks the document itself. For every GET operation it reads each parameter's schema (type, enum,
 * minimum/maximum/exclusiveMinimum, maxLength) and sends {@value #CASES_PER_OPERATION} seeded requests
 * mixing
 * <ul>
 * <li>valid values: every enum member (also in upper case and padded with spaces, which the grammar
 *     accepts), integers and numbers at and inside their bounds, booleans, strings up to maxLength;</li>
 * <li>invalid values: just outside each bound, the wrong type, enum typos, empty values, strings one
 *     over maxLength, parameters given twice, names the document does not list.</li>
 * </ul>
 * Each answer must have a status the operation documents, the documented media type, and a body that
 * validates against the documented schema ({@code $ref}, type, properties, items, enum, required;
 * every property the body carries must be in the schema). A request of only valid values must be a 200
 * (or, on {@code /models/{name}}, a 404 when no model matches the name); one with an invalid value must
 * be a 400 whose message names the parameter. The counts are printed and recorded in
 * docs/operations.md ("No failure modes").
 */
@QuarkusTest
class OpenApiSchemaFuzzTest {
    static final int CASES_PER_OPERATION = 1_500;
    static final long SEED = 20_261_206L;
    static final List<String> NAMES = List.of("llama", "qwen", "meta-llama%2FLlama-3.1-8B-Instruct", "llama3.1:8b",
            "Qwen%2FQwen3-8B", "nosuchmodel-zzz", "7B", "%C3%A9t%C3%A9");

    @TestHTTPResource("/")
    URL base;

    private final ObjectMapper json = new ObjectMapper();
    private JsonNode document;

    record Param(String name, String in, JsonNode schema) { }

    @Test
    void everyAnswerMatchesTheDocument() throws Exception {
        List<String> failures = new ArrayList<>();
        Map<String, int[]> counts = new LinkedHashMap<>();  // operation -> [cases, valid, invalid, 200, 400, 404]
        try (RawHttp http = new RawHttp(base.getHost(), base.getPort())) {
            RawHttp.Reply doc = http.get("/q/openapi?format=json");
            assertEquals(200, doc.status());
            document = json.readTree(doc.body());
            Random r = new Random(SEED);
            for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                JsonNode op = path.getValue().path("get");
                if (op.isMissingNode()) {
                    continue;
                }
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    params.add(new Param(p.path("name").asText(), p.path("in").asText(), resolve(p.path("schema"))));
                }
                int[] c = counts.computeIfAbsent("GET " + path.getKey(), k -> new int[6]);
                int cases = params.isEmpty() ? 50 : CASES_PER_OPERATION;
                for (int i = 0; i < cases; i++) {
                    Request req = request(r, path.getKey(), params);
                    RawHttp.Reply reply = http.get(req.target(), "Accept: application/json");
                    c[0]++;
                    c[req.invalid() == null ? 1 : 2]++;
                    c[reply.status() == 200 ? 3 : reply.status() == 400 ? 4 : reply.status() == 404 ? 5 : 0]++;
                    String problem = check(op, req, reply);
                    if (problem != null && failures.size() < 20) {
                        failures.add(problem + " <- GET " + req.target());
                    }
                }
            }
        }
        StringBuilder summary = new StringBuilder("schema fuzz (/q/openapi):");
        int total = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            total += c[0];
            summary.append(String.format("%n  %s: %d requests (%d valid, %d invalid) -> 200=%d 400=%d 404=%d",
                    e.getKey(), c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        System.out.println(summary.append(String.format("%n  total %d requests, %d failures", total, failures.size())));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(counts.size() >= 7, "every GET operation of the document is fuzzed: " + counts.keySet());
    }

    /** A request target and, when it carries one, the parameter that makes it invalid. */
    record Request(String target, String invalid, boolean namedPath, List<String> freeText) { }

    private Request request(Random r, String template, List<Param> params) {
        String path = template;
        boolean named = false;
        String invalid = null;
        StringBuilder query = new StringBuilder();
        List<Param> queryParams = new ArrayList<>();
        List<String> freeText = new ArrayList<>();
        for (Param p : params) {
            if (p.in().equals("path")) {
                path = path.replace("{" + p.name() + "}", NAMES.get(r.nextInt(NAMES.size())));
                named = true;
            } else if (p.in().equals("query")) {
                queryParams.add(p);
            }
        }
        if (!queryParams.isEmpty()) {
            int n = r.nextInt(Math.min(5, queryParams.size() + 1));
            List<Param> chosen = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                Param p = queryParams.get(r.nextInt(queryParams.size()));
                boolean alias = p.name().equals("n") && chosen.stream().anyMatch(c -> c.name().equals("limit"))
                        || p.name().equals("limit") && chosen.stream().anyMatch(c -> c.name().equals("n"));
                if (!chosen.contains(p) && !alias) {   // n is limit's alias: both at once is a repeat
                    chosen.add(p);
                }
            }
            int bad = r.nextInt(3) == 0 ? r.nextInt(chosen.size() + 1) : -1;  // index of the invalid one
            Map<String, String> values = new LinkedHashMap<>();
            for (int k = 0; k < chosen.size(); k++) {
                Param p = chosen.get(k);
                String value = k == bad ? invalidValue(r, p.schema()) : validValue(r, p.schema());
                if (k != bad && isFreeText(p.schema())) {
                    freeText.add(p.name());
                }
                if (k == bad) {
                    invalid = p.name();
                }
                values.put(p.name(), value.trim().toLowerCase(java.util.Locale.ROOT));
                query.append(query.length() == 0 ? "?" : "&").append(p.name()).append('=').append(encode(value));
            }
            if (invalid == null && contradiction(values)) {
                invalid = "use_case";   // the 400 names both parameters
            }
            if (bad == chosen.size()) {  // the invalid part is the parameter itself
                switch (r.nextInt(2)) {
                    case 0 -> {
                        invalid = "zz_not_a_parameter";
                        query.append(query.length() == 0 ? "?" : "&").append(invalid).append("=1");
                    }
                    default -> {
                        if (chosen.isEmpty()) {
                            invalid = "zz_not_a_parameter";
                            query.append("?").append(invalid).append("=1");
                        } else {
                            Param p = chosen.get(0);
                            invalid = p.name();
                            query.append('&').append(p.name()).append('=').append(encode(validValue(r, p.schema())));
                        }
                    }
                }
            }
        }
        return new Request(path + query, invalid, named, freeText);
    }

    /**
     * The one rule between parameters that a schema cannot state, written in the {@code type} parameter's
     * description: an LLM type with {@code use_case=embedding} asks for nothing and is a 400.
     */
    static boolean contradiction(Map<String, String> values) {
        String type = values.get("type");
        String useCase = values.get("use_case");
        return type != null && useCase != null && java.util.Set.of("llm", "text", "generative").contains(type)
                && java.util.Set.of("embedding", "embed").contains(useCase);
    }

    /**
     * A string without an enum: the document gives only its length, and the parser knows which
     * quantizations, KV cache types and GPU names exist, so a value may be a 400 naming the parameter.
     */
    private static boolean isFreeText(JsonNode s) {
        return s.path("type").asText().equals("string") && !s.has("enum");
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String validValue(Random r, JsonNode s) {
        if (s.has("enum")) {
            String v = s.path("enum").get(r.nextInt(s.path("enum").size())).asText();
            return switch (r.nextInt(4)) {
                case 0 -> v.toUpperCase(Locale.ROOT);
                case 1 -> " " + v + " ";
                default -> v;
            };
        }
        switch (s.path("type").asText()) {
            case "boolean":
                return r.nextBoolean() ? "true" : "false";
            case "integer": {
                long min = s.has("minimum") ? s.path("minimum").asLong() : 0;
                long max = s.has("maximum") ? s.path("maximum").asLong() : 1_000_000;
                long[] picks = {min, max, min + 1, min + (long) (r.nextDouble() * (max - min))};
                return String.valueOf(picks[r.nextInt(picks.length)]);
            }
            case "number": {
                double min = s.has("minimum") ? s.path("minimum").asDouble() : s.path("exclusiveMinimum").asDouble(0) + 0.5;
                double max = s.has("maximum") ? s.path("maximum").asDouble() : 1e6;
                double[] picks = {min, max, min + r.nextDouble() * (max - min), Math.round(min + r.nextDouble() * 64)};
                double v = Math.min(max, Math.max(min, Math.round(picks[r.nextInt(picks.length)] * 1000) / 1000.0));
                // the grammar takes up to 9 digits on each side of the point (QueryParser.DECIMAL)
                return v == Math.rint(v) && r.nextBoolean() ? String.valueOf((long) v) : String.valueOf(v);
            }
            default: {
                int maxLength = s.path("maxLength").asInt(200);
                String[] picks = {"llama", "Qwen", "meta", "Q4_K_M", "q8_0", "NVIDIA GeForce RTX 4090", "Apple M2 Max",
                        "none", "coding", "x".repeat(maxLength), "\u00e9t\u00e9", "7B"};
                return picks[r.nextInt(picks.length)];
            }
        }
    }

    private static String invalidValue(Random r, JsonNode s) {
        if (r.nextInt(8) == 0) {
            return "";
        }
        if (s.has("enum")) {
            String v = s.path("enum").get(r.nextInt(s.path("enum").size())).asText();
            return switch (r.nextInt(3)) {
                case 0 -> v + "x";
                case 1 -> "not_" + v;
                default -> v.substring(1);
            };
        }
        switch (s.path("type").asText()) {
            case "boolean":
                return new String[] {"yes", "1", "0", "tru", "null"}[r.nextInt(5)];
            case "integer": {
                String[] picks = {"abc", "1.5", "1e3", "NaN", "99999999999999999999999",
                        s.has("minimum") ? String.valueOf(s.path("minimum").asLong() - 1) : "-1",
                        s.has("maximum") ? String.valueOf(s.path("maximum").asLong() + 1) : "99999999999999999999"};
                return picks[r.nextInt(picks.length)];
            }
            case "number": {
                String[] picks = {"abc", "NaN", "Infinity", "-1", "1e999",
                        s.has("maximum") ? String.valueOf(s.path("maximum").asDouble() + 1) : "1e999",
                        s.has("exclusiveMinimum") ? s.path("exclusiveMinimum").asText() : String.valueOf(
                                s.path("minimum").asDouble() - 0.5)};
                return picks[r.nextInt(picks.length)];
            }
            default:
                return "y".repeat(s.path("maxLength").asInt(200) + 1);
        }
    }

    /** What is wrong with an answer, or null. */
    private String check(JsonNode op, Request req, RawHttp.Reply reply) {
        String status = String.valueOf(reply.status());
        JsonNode response = op.path("responses").path(status);
        if (response.isMissingNode()) {
            return "undocumented status " + status + " " + reply.text();
        }
        String type = reply.header("content-type");
        JsonNode content = response.path("content");
        if (!content.has(String.valueOf(type))) {
            return "media type " + type + " not documented for " + status;
        }
        if (!"application/json".equals(type)) {   // the YAML rendering of the document itself
            return reply.text().contains("\nopenapi: 3.1") ? null : "not the YAML document: " + shortText(reply.text());
        }
        JsonNode body;
        try {
            body = json.readTree(reply.body());
        } catch (Exception e) {
            return "body is not JSON: " + reply.text();
        }
        String invalid = validate(body, content.path(type).path("schema"), "$");
        if (invalid != null) {
            return "body does not match the schema: " + invalid;
        }
        if (req.invalid() == null && reply.status() != 200 && !(reply.status() == 404 && req.namedPath())
                && !(reply.status() == 400 && req.freeText().stream().anyMatch(p -> names(body, p)))) {
            return "valid request answered " + status + " " + reply.text();
        }
        if (req.invalid() != null) {
            if (reply.status() != 400) {
                return "invalid " + req.invalid() + " answered " + status;
            }
            if (!names(body, req.invalid()) && req.freeText().stream().noneMatch(p -> names(body, p))) {
                return "the error does not name " + req.invalid() + ": " + body.path("error").asText();
            }
        }
        return null;
    }

    /** Whether an error names the parameter (an alias is named by its parameter: n is limit). */
    private static boolean names(JsonNode body, String param) {
        String error = body.path("error").asText();
        return error.startsWith(param + " ") || error.contains("'" + param + "'") || error.contains(" " + param + " ") || error.contains(" " + param + ":")
                || error.contains(param + "=") || param.equals("n") && error.contains("limit");
    }

    private static String shortText(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        return schema;
    }

    /** A small JSON Schema check: $ref, type, enum, properties (no others), required, items, additionalProperties. */
    private String validate(JsonNode value, JsonNode schema, String where) {
        schema = resolve(schema);
        if (schema.isMissingNode() || schema.isEmpty()) {
            return null;
        }
        if (value.isNull()) {
            return null;   // the document does not mark nullable properties; null stands for "unknown"
        }
        String type = schema.path("type").asText("");
        boolean ok = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!ok) {
            return where + " is " + value.getNodeType() + ", the schema says " + type;
        }
        if (schema.has("enum")) {
            boolean member = false;
            for (JsonNode e : schema.path("enum")) {
                member |= e.equals(value);
            }
            if (!member) {
                return where + " = " + value + " is not one of " + schema.path("enum");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                return where + " lacks required " + required.asText();
            }
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> f = value.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> e = f.next();
                JsonNode s = props.has(e.getKey()) ? props.path(e.getKey()) : additional.isObject() ? additional : null;
                if (s == null) {
                    if (props.size() > 0 || additional.isBoolean() && !additional.asBoolean()) {
                        return where + "." + e.getKey() + " is not in the schema";
                    }
                    continue;
                }
                String p = validate(e.getValue(), s, where + "." + e.getKey());
                if (p != null) {
                    return p;
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                String p = validate(value.get(i), schema.path("items"), where + "[" + i + "]");
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }
}
