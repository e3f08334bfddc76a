package dev.fitd.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON answer against what one client's parser reads (a fixture in
 * {@code src/test/resources/fixtures/clients}): each field path ({@code system.gpus[].vram_gb}, {@code []} meaning
 * every element) must be present with the type the client decodes it as. Types:
 * {@code string}, {@code integer} (an integral JSON number: Go's {@code int} rejects {@code 2.0}), {@code number},
 * {@code boolean}, {@code object}, {@code array}; {@code |null} allows null; {@code string!} must be non-empty;
 * {@code number+} must be positive; {@code enum:A|B} must be one of the values. An empty array has no elements
 * to check, so fixtures ask for requests whose answers are not empty.
 */
final class ClientShapeChecker {
    private ClientShapeChecker() { }

    /** Every violation, one line each; empty when the answer satisfies the client. */
    static List<String> violations(JsonNode answer, Map<String, String> fields) {
        List<String> out = new ArrayList<>();
        fields.forEach((path, type) -> check(answer, Arrays.asList(path.split("\\.")), 0, path, type, out));
        return out;
    }

    private static void check(JsonNode node, List<String> parts, int i, String path, String type, List<String> out) {
        String part = parts.get(i);
        boolean each = part.endsWith("[]");
        String name = each ? part.substring(0, part.length() - 2) : part;
        if (node == null || !node.isObject()) {
            out.add(path + ": parent of '" + name + "' is not an object");
            return;
        }
        if (!node.has(name)) {
            out.add(path + ": missing");
            return;
        }
        JsonNode v = node.get(name);
        if (each) {
            if (!v.isArray()) {
                out.add(path + ": '" + name + "' is not an array");
                return;
            }
            for (int k = 0; k < v.size(); k++) {
                if (i + 1 == parts.size()) {
                    checkValue(v.get(k), path + "[" + k + "]", type, out);
                } else {
                    check(v.get(k), parts, i + 1, path.replace(name + "[]", name + "[" + k + "]"), type, out);
                }
            }
            return;
        }
        if (i + 1 == parts.size()) {
            checkValue(v, path, type, out);
        } else if (v.isNull()) {
            out.add(path + ": parent '" + name + "' is null");
        } else {
            check(v, parts, i + 1, path, type, out);
        }
    }

    private static void checkValue(JsonNode v, String path, String type, List<String> out) {
        boolean nullable = type.endsWith("|null");
        String t = nullable ? type.substring(0, type.length() - 5) : type;
        if (v.isNull()) {
            if (!nullable) {
                out.add(path + ": null, the client reads " + t);
            }
            return;
        }
        boolean ok;
        if (t.startsWith("enum:")) {
            ok = v.isTextual() && List.of(t.substring(5).split("\\|")).contains(v.asText());
        } else {
            ok = switch (t) {
                case "string" -> v.isTextual();
                case "string!" -> v.isTextual() && !v.asText().isBlank();
                case "integer" -> v.isIntegralNumber();
                case "number" -> v.isNumber();
                case "number+" -> v.isNumber() && v.asDouble() > 0;
                case "boolean" -> v.isBoolean();
                case "object" -> v.isObject();
                case "array" -> v.isArray();
                default -> throw new IllegalArgumentException("unknown type '" + type + "' for " + path);
            };
        }
        if (!ok) {
            out.add(path + ": " + v + " is not " + t);
        }
    }
}
