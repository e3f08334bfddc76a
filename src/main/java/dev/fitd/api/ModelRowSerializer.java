package dev.fitd.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;

/**
 * Writes a {@link ModelRow} field by field. The output is byte for byte what Jackson's bean serializer writes
 * for the record under fitd's mapper (snake_case names in declaration order, nulls written, dates as ISO
 * text): {@code ModelRowSerializerTest} compares the two on every row of several graded catalogs, installed
 * and loaded rows included. It exists for speed: a full {@code /api/v1/models} answer is ~280 rows and
 * 618 kB (measured 2026-12-06 on the RTX 4090 profile), and on the sidecar's C1-only JVM the generic bean path (property writers, reflective getters, a
 * serializer lookup per nested value) was about 40 % of an uncached hardware what-if.
 *
 * <p>llmfit's fields ({@link LlmfitRowFields}) follow fitd's, flat, as the bean serializer writes the
 * {@code @JsonUnwrapped} component. The rarely filled lists ({@code loaded_instances}, {@code installed_in}), the reasoning object and the
 * release date are handed to the mapper's own serializers. A field added to {@link ModelRow} must be added
 * here too; the test fails until it is.
 */
final class ModelRowSerializer extends StdSerializer<ModelRow> {
    private static final SerializableString TYPE = name("type");
    private static final SerializableString PUBLISHER = name("publisher");
    private static final SerializableString KEY = name("key");
    private static final SerializableString DISPLAY_NAME = name("display_name");
    private static final SerializableString ARCHITECTURE = name("architecture");
    private static final SerializableString QUANTIZATION = name("quantization");
    private static final SerializableString NAME = name("name");
    private static final SerializableString BITS_PER_WEIGHT = name("bits_per_weight");
    private static final SerializableString SIZE_BYTES = name("size_bytes");
    private static final SerializableString PARAMS_STRING = name("params_string");
    private static final SerializableString MAX_CONTEXT_LENGTH = name("max_context_length");
    private static final SerializableString FORMAT = name("format");
    private static final SerializableString CAPABILITIES = name("capabilities");
    private static final SerializableString VISION = name("vision");
    private static final SerializableString TRAINED_FOR_TOOL_USE = name("trained_for_tool_use");
    private static final SerializableString REASONING = name("reasoning");
    private static final SerializableString LOADED_INSTANCES = name("loaded_instances");
    private static final SerializableString PROVIDER = name("provider");
    private static final SerializableString PARAMS = name("params");
    private static final SerializableString ACTIVE_PARAMS = name("active_params");
    private static final SerializableString ALIASES = name("aliases");
    private static final SerializableString MATCHED_BY = name("matched_by");
    private static final SerializableString FIT_LEVEL = name("fit_level");
    private static final SerializableString RUN_MODE = name("run_mode");
    private static final SerializableString SCORE = name("score");
    private static final SerializableString SCORE_COMPONENTS = name("score_components");
    private static final SerializableString QUALITY = name("quality");
    private static final SerializableString SPEED = name("speed");
    private static final SerializableString FIT = name("fit");
    private static final SerializableString CONTEXT = name("context");
    private static final SerializableString ESTIMATED_TPS = name("estimated_tps");
    private static final SerializableString ESTIMATED_PREFILL_TPS = name("estimated_prefill_tps");
    private static final SerializableString BEST_QUANT = name("best_quant");
    private static final SerializableString RUNTIME = name("runtime");
    private static final SerializableString MEMORY = name("memory");
    private static final SerializableString REQUIRED_GB = name("required_gb");
    private static final SerializableString AVAILABLE_GB = name("available_gb");
    private static final SerializableString UTILIZATION_PCT = name("utilization_pct");
    private static final SerializableString WEIGHTS_GB = name("weights_gb");
    private static final SerializableString KV_CACHE_GB = name("kv_cache_gb");
    private static final SerializableString OVERHEAD_GB = name("overhead_gb");
    private static final SerializableString GPU_LAYERS = name("gpu_layers");
    private static final SerializableString CPU_LAYERS = name("cpu_layers");
    private static final SerializableString USABLE_CONTEXT = name("usable_context");
    private static final SerializableString EFFECTIVE_CONTEXT_LENGTH = name("effective_context_length");
    private static final SerializableString USE_CASE = name("use_case");
    private static final SerializableString CATEGORY = name("category");
    private static final SerializableString RELEASE_DATE = name("release_date");
    private static final SerializableString LICENSE = name("license");
    private static final SerializableString INSTALLED = name("installed");
    private static final SerializableString INSTALLED_STALE = name("installed_stale");
    private static final SerializableString INSTALLED_IN = name("installed_in");
    private static final SerializableString NOTES = name("notes");
    private static final SerializableString ESTIMATE_BASIS = name("estimate_basis");
    private static final SerializableString METHOD = name("method");
    private static final SerializableString BANDWIDTHS_GBPS = name("bandwidths_gbps");
    private static final SerializableString EFFICIENCY = name("efficiency");
    private static final SerializableString OVERHEAD_MS = name("overhead_ms");
    private static final SerializableString CONTEXT_TOKENS = name("context_tokens");
    private static final SerializableString BYTES_PER_TOKEN = name("bytes_per_token");
    private static final SerializableString VERIFY_COMMAND = name("verify_command");
    private static final SerializableString PARAMS_B = name("params_b");
    private static final SerializableString PARAMETER_COUNT = name("parameter_count");
    private static final SerializableString CONTEXT_LENGTH = name("context_length");
    private static final SerializableString MEMORY_REQUIRED_GB = name("memory_required_gb");
    private static final SerializableString MEMORY_AVAILABLE_GB = name("memory_available_gb");
    private static final SerializableString TOTAL_MEMORY_GB = name("total_memory_gb");
    private static final SerializableString MOE_OFFLOADED_GB = name("moe_offloaded_gb");
    private static final SerializableString FIT_LABEL = name("fit_label");
    private static final SerializableString RUN_MODE_LABEL = name("run_mode_label");
    private static final SerializableString RUNTIME_LABEL = name("runtime_label");
    private static final SerializableString IS_MOE = name("is_moe");
    private static final SerializableString DISK_SIZE_GB = name("disk_size_gb");
    private static final SerializableString GGUF_SOURCES = name("gguf_sources");
    private static final SerializableString REPO = name("repo");
    private static final SerializableString OLLAMA_NAME = name("ollama_name");
    private static final SerializableString CAPABILITY_IDS = name("capability_ids");
    private static final SerializableString SUPPORTS_TP = name("supports_tp");

    ModelRowSerializer() {
        super(ModelRow.class);
    }

    private static SerializableString name(String s) {
        return new SerializedString(s);
    }

    @Override
    public void serialize(ModelRow r, JsonGenerator g, SerializerProvider p) throws IOException {
        g.writeStartObject(r);
        ModelRow.LmStudio a = r.lmStudio();
        ModelRow.Catalog cat = r.catalog();
        ModelRow.Fit f = r.fit();
        ModelRow.Labels lab = r.labels();
        ModelRow.Presence pr = r.presence();
        ModelRow.Explanation x = r.explanation();
        string(g, TYPE, a.type());
        string(g, PUBLISHER, a.publisher());
        string(g, KEY, a.key());
        string(g, DISPLAY_NAME, a.displayName());
        string(g, ARCHITECTURE, a.architecture());
        g.writeFieldName(QUANTIZATION);
        if (a.quantization() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            string(g, NAME, a.quantization().name());
            g.writeFieldName(BITS_PER_WEIGHT);
            g.writeNumber(a.quantization().bitsPerWeight());
            g.writeEndObject();
        }
        g.writeFieldName(SIZE_BYTES);
        g.writeNumber(a.sizeBytes());
        string(g, PARAMS_STRING, a.paramsString());
        g.writeFieldName(MAX_CONTEXT_LENGTH);
        g.writeNumber(a.maxContextLength());
        string(g, FORMAT, a.format());
        g.writeFieldName(CAPABILITIES);
        ModelRow.CapabilitiesView c = a.capabilities();
        if (c == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeFieldName(VISION);
            g.writeBoolean(c.vision());
            g.writeFieldName(TRAINED_FOR_TOOL_USE);
            g.writeBoolean(c.trainedForToolUse());
            g.writeFieldName(REASONING);
            p.defaultSerializeValue(c.reasoning(), g);
            g.writeEndObject();
        }
        g.writeFieldName(LOADED_INSTANCES);
        p.defaultSerializeValue(a.loadedInstances(), g);
        string(g, PROVIDER, cat.provider());
        g.writeFieldName(PARAMS);
        g.writeNumber(cat.params());
        g.writeFieldName(ACTIVE_PARAMS);
        number(g, cat.activeParams());
        strings(g, ALIASES, cat.aliases());
        string(g, MATCHED_BY, cat.matchedBy());
        string(g, FIT_LEVEL, f.fitLevel());
        string(g, RUN_MODE, f.runMode());
        g.writeFieldName(SCORE);
        g.writeNumber(f.score());
        g.writeFieldName(SCORE_COMPONENTS);
        ModelRow.ScoreView s = f.scoreComponents();
        if (s == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeFieldName(QUALITY);
            g.writeNumber(s.quality());
            g.writeFieldName(SPEED);
            g.writeNumber(s.speed());
            g.writeFieldName(FIT);
            g.writeNumber(s.fit());
            g.writeFieldName(CONTEXT);
            g.writeNumber(s.context());
            g.writeEndObject();
        }
        g.writeFieldName(ESTIMATED_TPS);
        number(g, f.estimatedTps());
        g.writeFieldName(ESTIMATED_PREFILL_TPS);
        number(g, f.estimatedPrefillTps());
        string(g, BEST_QUANT, f.bestQuant());
        string(g, RUNTIME, f.runtime());
        g.writeFieldName(MEMORY);
        ModelRow.MemoryView m = f.memory();
        if (m == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeFieldName(REQUIRED_GB);
            g.writeNumber(m.requiredGb());
            g.writeFieldName(AVAILABLE_GB);
            g.writeNumber(m.availableGb());
            g.writeFieldName(UTILIZATION_PCT);
            number(g, m.utilizationPct());
            g.writeFieldName(WEIGHTS_GB);
            g.writeNumber(m.weightsGb());
            g.writeFieldName(KV_CACHE_GB);
            g.writeNumber(m.kvCacheGb());
            g.writeFieldName(OVERHEAD_GB);
            g.writeNumber(m.overheadGb());
            g.writeEndObject();
        }
        g.writeFieldName(GPU_LAYERS);
        g.writeNumber(f.gpuLayers());
        g.writeFieldName(CPU_LAYERS);
        g.writeNumber(f.cpuLayers());
        g.writeFieldName(USABLE_CONTEXT);
        g.writeNumber(f.usableContext());
        g.writeFieldName(EFFECTIVE_CONTEXT_LENGTH);
        g.writeNumber(f.effectiveContextLength());
        string(g, USE_CASE, lab.useCase());
        string(g, CATEGORY, lab.category());
        g.writeFieldName(RELEASE_DATE);
        p.defaultSerializeValue(lab.releaseDate(), g);
        string(g, LICENSE, lab.license());
        g.writeFieldName(INSTALLED);
        g.writeBoolean(pr.installed());
        g.writeFieldName(INSTALLED_STALE);
        g.writeBoolean(pr.installedStale());
        g.writeFieldName(INSTALLED_IN);
        p.defaultSerializeValue(pr.installedIn(), g);
        strings(g, NOTES, x.notes());
        g.writeFieldName(ESTIMATE_BASIS);
        ModelRow.BasisView b = x.estimateBasis();
        if (b == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            string(g, METHOD, b.method());
            g.writeFieldName(BANDWIDTHS_GBPS);
            if (b.bandwidthsGbps() == null) {
                g.writeNull();
            } else {
                g.writeStartArray();
                for (Double d : b.bandwidthsGbps()) {
                    number(g, d);
                }
                g.writeEndArray();
            }
            g.writeFieldName(EFFICIENCY);
            g.writeNumber(b.efficiency());
            g.writeFieldName(OVERHEAD_MS);
            g.writeNumber(b.overheadMs());
            g.writeFieldName(CONTEXT_TOKENS);
            g.writeNumber(b.contextTokens());
            g.writeFieldName(BYTES_PER_TOKEN);
            g.writeNumber(b.bytesPerToken());
            g.writeEndObject();
        }
        string(g, VERIFY_COMMAND, x.verifyCommand());
        LlmfitRowFields l = r.llmfit();
        if (l != null) {
            llmfit(g, l);
        }
        g.writeEndObject();
    }

    /** The llmfit fields, flat in the row (the record component is {@code @JsonUnwrapped}). */
    private static void llmfit(JsonGenerator g, LlmfitRowFields l) throws IOException {
        string(g, NAME, l.name());
        g.writeFieldName(PARAMS_B);
        g.writeNumber(l.paramsB());
        string(g, PARAMETER_COUNT, l.parameterCount());
        g.writeFieldName(CONTEXT_LENGTH);
        g.writeNumber(l.contextLength());
        g.writeFieldName(MEMORY_REQUIRED_GB);
        g.writeNumber(l.memoryRequiredGb());
        g.writeFieldName(MEMORY_AVAILABLE_GB);
        g.writeNumber(l.memoryAvailableGb());
        g.writeFieldName(UTILIZATION_PCT);
        number(g, l.utilizationPct());
        g.writeFieldName(TOTAL_MEMORY_GB);
        g.writeNumber(l.totalMemoryGb());
        g.writeFieldName(MOE_OFFLOADED_GB);
        number(g, l.moeOffloadedGb());
        string(g, FIT_LABEL, l.fitLabel());
        string(g, RUN_MODE_LABEL, l.runModeLabel());
        string(g, RUNTIME_LABEL, l.runtimeLabel());
        g.writeFieldName(IS_MOE);
        g.writeBoolean(l.moe());
        g.writeFieldName(DISK_SIZE_GB);
        g.writeNumber(l.diskSizeGb());
        g.writeFieldName(GGUF_SOURCES);
        if (l.ggufSources() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (LlmfitRowFields.GgufSource src : l.ggufSources()) {
                g.writeStartObject();
                string(g, REPO, src.repo());
                string(g, PROVIDER, src.provider());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        string(g, OLLAMA_NAME, l.ollamaName());
        strings(g, CAPABILITY_IDS, l.capabilityIds());
        g.writeFieldName(SUPPORTS_TP);
        if (l.supportsTp() == null) {
            g.writeNull();
        } else {
            g.writeStartArray();
            for (int i = 0, n = l.supportsTp().size(); i < n; i++) {
                g.writeNumber(l.supportsTp().get(i).intValue());
            }
            g.writeEndArray();
        }
    }

    private static void string(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void strings(JsonGenerator g, SerializableString name, List<String> values) throws IOException {
        g.writeFieldName(name);
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (int i = 0, n = values.size(); i < n; i++) {
            String v = values.get(i);
            if (v == null) {
                g.writeNull();
            } else {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, Double v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v.doubleValue());
        }
    }

    private static void number(JsonGenerator g, Long v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v.longValue());
        }
    }
}
