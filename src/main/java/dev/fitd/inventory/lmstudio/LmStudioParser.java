package dev.fitd.inventory.lmstudio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelType;
import dev.fitd.inventory.http.Json;
import dev.fitd.inventory.http.ParseResult;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.ModelNames;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure parsers for LM Studio's model lists.
 *
 * <p>{@code GET /api/v1/models} (LM Studio 0.4+): {@code {"models":[{type, publisher, key,
 * display_name, architecture, quantization{name, bits_per_weight}, size_bytes, params_string,
 * loaded_instances[{id, config{context_length, eval_batch_size, parallel, flash_attention,
 * num_experts, offload_kv_cache_to_gpu}}], max_context_length, format, capabilities{vision,
 * trained_for_tool_use, reasoning{allowed_options, default}}, variants, selected_variant}]}}.
 * {@code size_bytes} is taken as the weights' size; {@code bits_per_weight} is LM Studio's nominal
 * label (4 for every 4-bit quant) and is kept only as reported.
 *
 * <p>{@code GET /api/v0/models} (0.3.6 – 0.3.x): {@code {"object":"list","data":[{id, object, type
 * (llm|vlm|embeddings), publisher, arch, compatibility_type, quantization, state
 * (loaded|not-loaded), max_context_length, capabilities[]}]}}. It has no size and no instance
 * config; a loaded model becomes an instance with only its id (and {@code loaded_context_length}
 * when present).
 */
final class LmStudioParser {
    private LmStudioParser() { }

    /** Parses a {@code /api/v1/models} body. */
    static ParseResult<RuntimeListing> parseV1(String body) {
        String what = "LM Studio /api/v1/models";
        ParseResult<JsonNode> parsed = Json.parseArrayField(body, what, "models");
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return ParseResult.failed(parsed.failure().orElseThrow());
        }
        JsonNode models = ok.value();
        List<InstalledModel> installed = new ArrayList<>();
        List<LoadedInstance> loaded = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int i = 0;
        for (JsonNode m : models) {
            String key = Json.text(m, "key");
            if (!m.isObject() || key == null) {
                warnings.add(what + ": skipped models[" + i + "]: no \"key\"");
                i++;
                continue;
            }
            i++;
            JsonNode q = Json.object(m, "quantization");
            String selected = Json.text(m, "selected_variant");
            String quant = Json.text(q, "name");
            if (quant == null && selected != null) {
                quant = ModelNames.quantSuffix(selected).orElse(null);
            }
            installed.add(new InstalledModel(
                    RuntimeKind.LMSTUDIO, key,
                    Json.text(m, "display_name"),
                    Json.text(m, "publisher"),
                    modelType(Json.text(m, "type")),
                    Json.text(m, "architecture"),
                    quant,
                    Json.dbl(q, "bits_per_weight"),
                    positive(Json.lng(m, "size_bytes")),
                    null,
                    Json.text(m, "format"),
                    Json.text(m, "params_string"),
                    Json.integer(m, "max_context_length"),
                    capabilitiesV1(Json.object(m, "capabilities")),
                    null, null, selected, null));
            JsonNode instances = m.get("loaded_instances");
            if (instances != null && instances.isArray()) {
                int j = 0;
                for (JsonNode inst : instances) {
                    if (!inst.isObject()) {
                        warnings.add(what + ": skipped " + key + " loaded_instances[" + j + "]: not an object");
                        j++;
                        continue;
                    }
                    j++;
                    JsonNode c = Json.object(inst, "config");
                    loaded.add(new LoadedInstance(RuntimeKind.LMSTUDIO, key,
                            Json.text(inst, "id"),
                            Json.integer(c, "context_length"),
                            Json.integer(c, "parallel"),
                            Json.integer(c, "eval_batch_size"),
                            Json.bool(c, "flash_attention"),
                            Json.integer(c, "num_experts"),
                            Json.bool(c, "offload_kv_cache_to_gpu"),
                            null, null, null));
                }
            }
        }
        return ParseResult.ok(new RuntimeListing(installed, loaded, warnings), warnings);
    }

    /** Parses a {@code /api/v0/models} body. */
    static ParseResult<RuntimeListing> parseV0(String body) {
        String what = "LM Studio /api/v0/models";
        ParseResult<JsonNode> parsed = Json.parseArrayField(body, what, "data");
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return ParseResult.failed(parsed.failure().orElseThrow());
        }
        JsonNode data = ok.value();
        List<InstalledModel> installed = new ArrayList<>();
        List<LoadedInstance> loaded = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int i = 0;
        for (JsonNode m : data) {
            String id = Json.text(m, "id");
            if (!m.isObject() || id == null) {
                warnings.add(what + ": skipped data[" + i + "]: no \"id\"");
                i++;
                continue;
            }
            i++;
            String type = Json.text(m, "type");
            List<String> caps = Json.strings(m, "capabilities");
            boolean vision = "vlm".equalsIgnoreCase(type);
            boolean tools = caps != null && caps.contains("tool_use");
            Capabilities capabilities = caps != null || vision ? new Capabilities(vision, tools, null) : null;
            String compat = Json.text(m, "compatibility_type");
            installed.add(new InstalledModel(
                    RuntimeKind.LMSTUDIO, id, null,
                    Json.text(m, "publisher"),
                    modelType(type),
                    Json.text(m, "arch"),
                    Json.text(m, "quantization"),
                    null, null, null,
                    compat == null ? null : compat.toLowerCase(Locale.ROOT),
                    null,
                    Json.integer(m, "max_context_length"),
                    capabilities, null, null, null, null));
            if ("loaded".equalsIgnoreCase(Json.text(m, "state"))) {
                loaded.add(new LoadedInstance(RuntimeKind.LMSTUDIO, id, id,
                        Json.integer(m, "loaded_context_length"), null, null, null, null, null, null, null, null));
            }
        }
        return ParseResult.ok(new RuntimeListing(installed, loaded, warnings), warnings);
    }

    private static ModelType modelType(String type) {
        if (type == null) {
            return ModelType.LLM;
        }
        String t = type.toLowerCase(Locale.ROOT);
        return t.startsWith("embedding") ? ModelType.EMBEDDING : ModelType.LLM;
    }

    private static Long positive(Long v) {
        return v == null || v <= 0 ? null : v;
    }

    private static Capabilities capabilitiesV1(JsonNode c) {
        if (c == null) {
            return null;
        }
        Capabilities.Reasoning reasoning = null;
        JsonNode r = Json.object(c, "reasoning");
        List<String> allowed = Json.strings(r, "allowed_options");
        if (allowed != null && !allowed.isEmpty()) {
            reasoning = new Capabilities.Reasoning(allowed, Json.text(r, "default"));
        }
        return new Capabilities(Boolean.TRUE.equals(Json.bool(c, "vision")),
                Boolean.TRUE.equals(Json.bool(c, "trained_for_tool_use")), reasoning);
    }
}
