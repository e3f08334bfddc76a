package dev.fitd.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fitd.estimate.KvCacheType;
import dev.fitd.estimate.QuantType;
import dev.fitd.query.QueryException;
import dev.fitd.query.QueryParser;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/plan}, parsed strictly: llmfit's {@code PlanBody}
 * (AlexsJones/llmfit {@code llmfit-tui/src/serve_api.rs}) — {@code model} and {@code context} required,
 * {@code quant}, {@code target_tps}, {@code kv_quant}, {@code ram_gb} (alias {@code ram}), {@code vram_gb}
 * (alias {@code memory}) and {@code cpu_cores} optional, JSON {@code null} meaning "not given". Anything else
 * is a {@link QueryException} (400) naming the field: malformed JSON, a body that is not an object, an unknown
 * field, a field given twice (under its name and its alias), a wrong type, a number out of range.
 *
 * @param model the model's key, alias or name
 * @param context tokens of context, 1 … {@link QueryParser#MAX_CONTEXT_LIMIT}
 * @param quant canonical quantization name, or null
 * @param targetTps decode tokens/s to reach, &gt; 0 and ≤ {@link #MAX_TARGET_TPS}, or null
 * @param kvCacheType fitd's KV cache type name, or null
 * @param kvQuantAsGiven the {@code kv_quant} value as sent, for the answer, or null
 * @param ramGb what-if RAM for the "current" machine, GiB, or null
 * @param vramGb what-if VRAM per GPU, GiB (&gt; 0: fitd's what-if derivation takes no zero-memory GPU; llmfit
 *        accepts 0), or null
 * @param cpuCores what-if usable cores, or null
 */
record PlanBody(String model, int context, String quant, Double targetTps, String kvCacheType, String kvQuantAsGiven,
                Double ramGb, Double vramGb, Integer cpuCores) {

    /** Largest target accepted, tokens/s: far above any single-stream decode speed. */
    static final double MAX_TARGET_TPS = 100_000;

    /** Every accepted field, aliases included. */
    static final Set<String> FIELDS = Set.of("model", "context", "quant", "target_tps", "kv_quant", "ram_gb", "ram",
            "vram_gb", "memory", "cpu_cores");

    private static final Map<String, String> ALIASES = Map.of("ram", "ram_gb", "memory", "vram_gb");

    /** llmfit's KV quant names ({@code KvQuant} in {@code llmfit-core/src/models.rs}) that fitd models. */
    private static final Map<String, String> LLMFIT_KV = Map.of("fp16", "f16");

    static PlanBody parse(ObjectMapper mapper, String text) {
        if (text == null || text.isBlank()) {
            throw new QueryException("body", "the request body must be a JSON object such as "
                    + "{\"model\": \"Llama-3.1-70B\", \"context\": 32768, \"target_tps\": 20}");
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new QueryException("body", "the request body is not valid JSON: "
                    + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
        if (!(root instanceof ObjectNode o)) {
            throw new QueryException("body", "the request body must be a JSON object, was " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new QueryException(f, "unknown field '" + f + "': accepted fields are "
                        + "model, context, quant, target_tps, kv_quant, ram_gb (or ram), vram_gb (or memory), cpu_cores");
            }
            String canonical = ALIASES.getOrDefault(f, f);
            if (!seen.add(canonical)) {
                String alias = ALIASES.entrySet().stream().filter(en -> en.getValue().equals(canonical)).findFirst()
                        .map(Map.Entry::getKey).orElse(canonical);
                throw new QueryException(canonical, "fields '" + canonical + "' and '" + alias
                        + "' are the same (" + alias + " is an alias of " + canonical + "): give one of them");
            }
        }
        String model = text(o, "model", true);
        if (model.length() > QueryParser.MAX_TEXT_LENGTH) {
            throw new QueryException("model", "model must be at most " + QueryParser.MAX_TEXT_LENGTH + " characters");
        }
        Integer context = whole(o, "context", true, 1, QueryParser.MAX_CONTEXT_LIMIT);
        String quantRaw = text(o, "quant", false);
        String quant = null;
        if (quantRaw != null) {
            try {
                quant = QuantType.parse(quantRaw).wire();
            } catch (IllegalArgumentException e) {
                throw new QueryException("quant", e.getMessage());
            }
        }
        Double target = decimal(o, "target_tps", 0, false, MAX_TARGET_TPS);
        String kvRaw = text(o, "kv_quant", false);
        String kv = null;
        if (kvRaw != null) {
            String lower = kvRaw.strip().toLowerCase(Locale.ROOT);
            if (lower.equals("fp8") || lower.equals("tq")) {
                throw new QueryException("kv_quant", "kv_quant '" + kvRaw + "' is not modelled by fitd (llama.cpp has no "
                        + (lower.equals("tq") ? "TurboQuant" : "fp8") + " KV cache): use fp16, q8_0 or q4_0");
            }
            try {
                kv = KvCacheType.parse(LLMFIT_KV.getOrDefault(lower, lower)).wire();
            } catch (IllegalArgumentException e) {
                throw new QueryException("kv_quant", "invalid kv_quant '" + kvRaw + "': use fp16, q8_0 or q4_0 ("
                        + e.getMessage() + ")");
            }
        }
        Double ram = decimal(o, o.has("ram") ? "ram" : "ram_gb", 0, false, QueryParser.MAX_RAM_GB);
        Double vram = decimal(o, o.has("memory") ? "memory" : "vram_gb", 0, false, QueryParser.MAX_VRAM_GB);
        Integer cores = whole(o, "cpu_cores", false, 1, QueryParser.MAX_CPU_CORES);
        return new PlanBody(model, context, quant, target, kv, kvRaw, ram, vram, cores);
    }

    private static String text(ObjectNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new QueryException(field, "field '" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new QueryException(field, "field '" + field + "' must be a string, was " + kind(v));
        }
        String s = v.asText().strip();
        if (s.isEmpty()) {
            throw new QueryException(field, "field '" + field + "' must not be empty (leave it out instead)");
        }
        return s;
    }

    private static Integer whole(ObjectNode o, String field, boolean required, long min, long max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new QueryException(field, "field '" + field + "' is required");
            }
            return null;
        }
        if (!v.isNumber()) {
            throw new QueryException(field, "field '" + field + "' must be a whole number, was " + kind(v) + " " + v);
        }
        double d = v.asDouble();
        if (d != Math.rint(d)) {
            throw new QueryException(field, "field '" + field + "' must be a whole number, was " + v);
        }
        if (d < min || d > max) {
            throw new QueryException(field, "field '" + field + "' must be between " + min + " and " + max + ", was " + v);
        }
        return (int) d;
    }

    private static Double decimal(ObjectNode o, String field, double exclusiveMin, boolean zeroAllowed, double max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new QueryException(field, "field '" + field + "' must be a number, was " + kind(v) + " " + v);
        }
        double d = v.asDouble();
        boolean low = zeroAllowed ? d < exclusiveMin : d <= exclusiveMin;
        if (Double.isNaN(d) || Double.isInfinite(d) || low || d > max) {
            throw new QueryException(field, "field '" + field + "' must be " + (zeroAllowed ? "at least " : "greater than ")
                    + (long) exclusiveMin + " and at most " + (long) max + ", was " + v);
        }
        return d;
    }

    private static String kind(JsonNode v) {
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
