package dev.fitd.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a catalog document against {@code catalog/schema.json}, so that the schema users read is
 * the one the loader enforces, and reports the first violation with its JSON location.
 *
 * <p>Only the keywords the schema uses are implemented: {@code type, enum, required, properties,
 * additionalProperties} (false only), {@code $ref} (local {@code #/$defs/...}), {@code items,
 * minItems, uniqueItems, minimum, minLength, pattern}, plus the annotations {@code $schema, $id,
 * title, description}. Constructing a check over a schema that uses any other keyword fails, so a
 * schema change cannot be silently ignored. Deliberately stricter than JSON Schema in one place:
 * {@code 1.0} is not an integer. {@code CatalogSchemaTest} checks it agrees with a reference validator.
 *
 * <p><b>Why not the reference validator itself</b> (networknt {@code json-schema-validator}, test scope):
 * measured with {@code bench/schema-validator.sh} (fresh JVM with the image's flags, 7 runs each, 2-core
 * box), building the validator and checking the 28 bundled files took a median 245 ms against 77 ms here
 * (JVM uptime at the end 782 vs 681 ms), on the catalog preload that runs during start-up; it would add
 * 0.64 MB of jars (networknt 577 kB + {@code itu} 58 kB, +2.4 % on the 26.7 MB {@code fitd.jar}); and its
 * messages would replace the loader's own ("unknown field (allowed: ...)", 1.0 refused as an integer) that
 * the catalog tests pin. The subset stays, and the reference validator keeps checking it on every build.
 */
final class SchemaCheck {
    private static final Set<String> KEYWORDS = Set.of("$schema", "$id", "title", "description", "$defs",
            "type", "enum", "required", "properties", "additionalProperties", "$ref", "items", "minItems",
            "uniqueItems", "minimum", "minLength", "pattern");

    /** A violation: where (field names and array indices from the document root) and what. */
    record Violation(List<Object> path, String problem) { }

    private final JsonNode root;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    SchemaCheck(JsonNode schema) {
        this.root = schema;
        checkKeywords(schema, "#");
    }

    /** The first violation in document order, or empty when the document conforms. */
    Optional<Violation> firstViolation(JsonNode document) {
        return Optional.ofNullable(walk(root, document, new ArrayList<>()));
    }

    private Violation walk(JsonNode schema, JsonNode node, List<Object> path) {
        schema = resolve(schema);
        if (schema.has("type") && !hasType(node, schema.get("type").asText())
                || schema.has("enum") && !contains(schema.get("enum"), node)
                || schema.has("minimum") && node.isNumber() && node.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0
                || schema.has("minLength") && node.isTextual()
                        && node.asText().codePointCount(0, node.asText().length()) < schema.get("minLength").asInt()
                || schema.has("pattern") && node.isTextual()
                        && !pattern(schema.get("pattern").asText()).matcher(node.asText()).find()) {
            return new Violation(List.copyOf(path), "must be " + expectation(schema) + ", got " + render(node));
        }
        if (node.isObject()) {
            return walkObject(schema, node, path);
        }
        if (node.isArray()) {
            return walkArray(schema, node, path);
        }
        return null;
    }

    /** Unknown fields first (a misspelt name explains a missing one), then required, then each value. */
    private Violation walkObject(JsonNode schema, JsonNode node, List<Object> path) {
        JsonNode properties = schema.path("properties");
        if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean(true)) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!properties.has(name)) {
                    List<String> allowed = new ArrayList<>();
                    properties.fieldNames().forEachRemaining(allowed::add);
                    return at(path, name, "unknown field (allowed: " + String.join(", ", allowed) + ")");
                }
            }
        }
        for (JsonNode name : schema.path("required")) {
            if (!node.has(name.asText())) {
                return at(path, name.asText(), "is required but missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode sub = properties.get(field.getKey());
            if (sub == null) {
                continue;
            }
            path.add(field.getKey());
            Violation v = walk(sub, field.getValue(), path);
            path.remove(path.size() - 1);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private Violation walkArray(JsonNode schema, JsonNode node, List<Object> path) {
        if (schema.has("minItems") && node.size() < schema.get("minItems").asInt()) {
            int min = schema.get("minItems").asInt();
            return new Violation(List.copyOf(path), "must have at least " + min + (min == 1 ? " item" : " items"));
        }
        if (schema.path("uniqueItems").asBoolean(false)) {
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                if (!seen.add(node.get(i))) {
                    path.add(i);
                    Violation v = new Violation(List.copyOf(path), render(node.get(i)) + " is listed twice");
                    path.remove(path.size() - 1);
                    return v;
                }
            }
        }
        if (schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                Violation v = walk(schema.get("items"), node.get(i), path);
                path.remove(path.size() - 1);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    private static Violation at(List<Object> path, String field, String problem) {
        List<Object> p = new ArrayList<>(path);
        p.add(field);
        return new Violation(List.copyOf(p), problem);
    }

    /** The schema with a {@code $ref} replaced by its target, sibling keywords kept. */
    private JsonNode resolve(JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        ObjectNode merged = ((ObjectNode) target(schema.get("$ref").asText())).deepCopy();
        schema.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("$ref")) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        return resolve(merged);
    }

    private JsonNode target(String ref) {
        JsonNode target = ref.startsWith("#/") ? root.at(ref.substring(1)) : null;
        if (target == null || !target.isObject()) {
            throw new IllegalStateException("catalog schema: $ref " + ref + " does not resolve to a local definition");
        }
        return target;
    }

    private static boolean hasType(JsonNode node, String type) {
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "null" -> node.isNull();
            default -> throw new IllegalStateException("catalog schema: unknown type " + type);
        };
    }

    private static boolean contains(JsonNode values, JsonNode node) {
        for (JsonNode v : values) {
            if (v.equals(node)) {
                return true;
            }
        }
        return false;
    }

    /** What a schema accepts, in words: "a positive integer", "one of llm, embedding", ... */
    private static String expectation(JsonNode schema) {
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.asText()));
            return "one of " + String.join(", ", values);
        }
        String type = schema.path("type").asText("");
        if (type.equals("integer") && schema.has("minimum")) {
            long min = schema.get("minimum").asLong();
            return min == 1 ? "a positive integer" : min == 0 ? "a non-negative integer" : "an integer >= " + min;
        }
        if (type.equals("string") && schema.has("pattern")) {
            return "a string matching " + schema.get("pattern").asText();
        }
        if (type.equals("string") && schema.path("minLength").asInt(0) == 1) {
            return "a non-empty string";
        }
        return switch (type) {
            case "object" -> "an object";
            case "array" -> "an array";
            case "integer" -> "an integer";
            case "boolean" -> "true or false";
            case "" -> "valid";
            default -> "a " + type;
        };
    }

    /** A short rendering of a JSON value for messages. */
    static String render(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private void checkKeywords(JsonNode schema, String where) {
        if (!schema.isObject()) {
            throw new IllegalStateException("catalog schema: " + where + " is not a schema object");
        }
        Set<String> unknown = new HashSet<>();
        schema.fieldNames().forEachRemaining(k -> {
            if (!KEYWORDS.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("catalog schema: " + where + " uses keyword(s) "
                    + unknown.stream().sorted().collect(Collectors.joining(", "))
                    + " that SchemaCheck does not enforce; implement them there");
        }
        if (schema.has("additionalProperties") && !schema.get("additionalProperties").isBoolean()) {
            throw new IllegalStateException("catalog schema: " + where + ": additionalProperties must be a boolean");
        }
        if (schema.has("$ref")) {
            target(schema.get("$ref").asText());
        }
        for (String map : List.of("properties", "$defs")) {
            schema.path(map).fields().forEachRemaining(e -> checkKeywords(e.getValue(), where + "/" + map + "/" + e.getKey()));
        }
        if (schema.has("items")) {
            checkKeywords(schema.get("items"), where + "/items");
        }
    }
}
