package dev.fitd.hardware.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The shape of a hardware profile, bound by Jackson: field names, JSON types and unknown fields are
 * checked by the binding; value rules (positive, at least 1, consistency) by {@link ProfileReader}.
 *
 * <p>The mapper is strict where Jackson is lenient by default: no scalar coercion ({@code "16"} is
 * not a number, {@code 1} not a boolean, {@code 5} not a string), no float as int ({@code 8.5} and
 * {@code 8.0} are not whole numbers), no empty string as null. A binding failure becomes a
 * {@link ProfileException} naming the file, the JSON path ({@code system.gpus[1].vram_gb}) and the value
 * found there, as the hand-written reader did.
 */
final class ProfileJson {
    private ProfileJson() { }

    /** The {@code system} object (or the whole file). Null: not given. */
    record SystemJson(
            @JsonProperty("total_ram_gb") Double totalRamGb,
            @JsonProperty("available_ram_gb") Double availableRamGb,
            @JsonProperty("cpu_cores") Integer cpuCores,
            @JsonProperty("cpu_name") String cpuName,
            @JsonProperty("has_gpu") Boolean hasGpu,
            @JsonProperty("gpu_vram_gb") Double gpuVramGb,
            @JsonProperty("gpu_name") String gpuName,
            @JsonProperty("gpu_count") Integer gpuCount,
            @JsonProperty("unified_memory") Boolean unifiedMemory,
            @JsonProperty("backend") String backend,
            @JsonProperty("gpus") List<GpuJson> gpus,
            @JsonProperty("ram_bandwidth_gbps") Double ramBandwidthGbps) { }

    /** One entry of {@code gpus}. */
    record GpuJson(
            @JsonProperty("name") String name,
            @JsonProperty("vram_gb") Double vramGb,
            @JsonProperty("count") Integer count,
            @JsonProperty("backend") String backend,
            @JsonProperty("unified_memory") Boolean unifiedMemory,
            @JsonProperty("memory_bandwidth_gbps") Double memoryBandwidthGbps,
            @JsonProperty("fp16_tflops") Double fp16Tflops) { }

    /** A whole API response fed back: {@code {"node": ..., "system": {...}}}; {@code node} is not read. */
    record ResponseJson(@JsonProperty("system") JsonNode system, @JsonProperty("node") JsonNode node) { }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .addHandler(new DeserializationProblemHandler() {
                @Override
                public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                                                     JsonDeserializer<?> deserializer, Object bean, String name)
                        throws IOException {
                    if (ProfileReader.IGNORED.contains(name)) {
                        p.skipChildren();
                        return true;
                    }
                    return false;
                }
            })
            .build();

    /** Parses the file's text; a syntax error names the line. */
    static JsonNode tree(String json, String origin) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() + (j.getLocation() == null ? "" : " (line " + j.getLocation().getLineNr() + ")")
                    : e.getMessage();
            throw new ProfileException(origin + ": not valid JSON: " + message);
        }
    }

    /**
     * Binds {@code node} to {@code type}; a failure names {@code origin}, {@code prefix} + the JSON path
     * inside {@code node}, what was expected and the value found there.
     */
    static <T> T bind(JsonNode node, Class<T> type, String origin, String prefix, Set<String> accepted) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            String path = path(e, prefix);
            Set<String> fields = e.getPath().size() > 1 ? Set.copyOf(ProfileReader.GPU_FIELDS) : accepted;
            throw new ProfileException(origin + ": unknown field '" + path + "'; accepted: "
                    + String.join(", ", fields.stream().sorted().toList()));
        } catch (JsonMappingException e) {
            String path = path(e, prefix);
            JsonNode found = at(node, e.getPath());
            Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            throw new ProfileException(origin + ": " + path + " " + expectation(target) + ", was " + found);
        } catch (IOException e) {
            throw new ProfileException(origin + ": " + prefix + " " + e.getMessage());
        }
    }

    /** What a JSON value bound to {@code target} must be, in the reader's words. */
    private static String expectation(Class<?> target) {
        if (target == null) {
            return "has a value out of range";
        }
        if (target == Double.class || target == double.class) {
            return "must be a number";
        }
        if (target == Integer.class || target == int.class) {
            return "must be a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a non-empty string";
        }
        if (List.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** {@code gpus[1].vram_gb}, from the binding's path, after {@code prefix}. */
    private static String path(JsonMappingException e, String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0 && b.charAt(b.length() - 1) != '.') {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        String s = b.toString();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The value at the binding's path in the tree, to quote it in the message. */
    private static JsonNode at(JsonNode node, List<JsonMappingException.Reference> path) {
        JsonNode n = node;
        for (JsonMappingException.Reference r : path) {
            if (n == null) {
                return null;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
        }
        return n;
    }
}
