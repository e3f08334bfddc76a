package dev.fitd.inventory.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient field access on Jackson trees for the runtime parsers: a missing, null or wrongly typed
 * field reads as null rather than throwing, and the parsers decide which absences are fatal.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() { }

    /** Parses a body; blank or invalid JSON is a failure naming {@code what}. */
    public static ParseResult<JsonNode> parse(String body, String what) {
        if (body == null || body.isBlank()) {
            return ParseResult.failed(what + ": empty response body");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode()
                    ? ParseResult.failed(what + ": empty response body")
                    : ParseResult.ok(node);
        } catch (JsonProcessingException e) {
            return ParseResult.failed(what + ": invalid JSON (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (RuntimeException e) {
            return ParseResult.failed(what + ": unreadable JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Parses a body whose root is an object holding an array under {@code field} (every app's model list);
     * a body without it is a failure naming {@code what} and what the root was instead.
     */
    public static ParseResult<JsonNode> parseArrayField(String body, String what, String field) {
        ParseResult<JsonNode> parsed = parse(body, what);
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return parsed;
        }
        JsonNode array = arrayField(ok.value(), field);
        return array == null
                ? ParseResult.failed(what + ": expected an object with a \"" + field + "\" array, got " + describe(ok.value()))
                : ParseResult.ok(array);
    }

    /** The array under {@code field} of an object root, or null when the root has no such array. */
    public static JsonNode arrayField(JsonNode root, String field) {
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode a = root.get(field);
        return a != null && a.isArray() ? a : null;
    }

    public static String describe(JsonNode n) {
        if (n == null) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object with fields " + fieldNames(n);
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase();
        };
    }

    private static String fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names.size() > 8 ? names.subList(0, 8) + "…" : names.toString();
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && (v.isTextual() || v.isNumber()) && !v.asText().isBlank() ? v.asText() : null;
    }

    public static Long lng(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isNumber()) {
            return null;
        }
        if (v.canConvertToLong() && (v.isIntegralNumber() || v.asDouble() == Math.rint(v.asDouble()))) {
            return v.asLong();
        }
        return null;
    }

    public static Integer integer(JsonNode n, String field) {
        Long l = lng(n, field);
        return l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? null : l.intValue();
    }

    public static Double dbl(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isNumber() ? v.asDouble() : null;
    }

    public static Boolean bool(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isBoolean() ? v.asBoolean() : null;
    }

    public static JsonNode object(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isObject() ? v : null;
    }

    public static List<String> strings(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (e.isTextual()) {
                out.add(e.asText());
            }
        }
        return out;
    }

    /** An RFC 3339 timestamp, null when absent or unparseable. */
    public static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
