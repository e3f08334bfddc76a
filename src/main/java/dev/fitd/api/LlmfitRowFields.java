package dev.fitd.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.DeviceUse;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.RunMode;
import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of an {@code llmfit serve} model row (AlexsJones/llmfit {@code llmfit-tui/src/serve_shared.rs},
 * {@code fit_to_json}) that fitd's own row does not already carry under the same name and meaning. They are
 * written flat into the row, after fitd's fields, so llmfit's clients (its web dashboard, Sympozium's fitness
 * poller) read names, memory and categories from fitd. Units follow fitd: every {@code _gb} is GiB (2^30 bytes),
 * which is also what llmfit computes (it divides bytes by 1024^3).
 *
 * @param name llmfit's model name: the Hugging Face repository id, which is fitd's {@code key}
 * @param paramsB total parameters in billions (10^9), rounded to 2 decimals as llmfit does
 * @param parameterCount the parameter count as people write it ({@code 7B}, {@code 109B-A17B})
 * @param contextLength the model's maximum context, tokens (fitd: {@code max_context_length})
 * @param memoryRequiredGb memory the placement needs on all devices, GiB (fitd: {@code memory.required_gb})
 * @param memoryAvailableGb memory it was compared against, GiB (fitd: {@code memory.available_gb})
 * @param utilizationPct required / available, percent (fitd: {@code memory.utilization_pct}); null when nothing
 *        is available
 * @param totalMemoryGb required memory including MoE experts kept in system RAM: fitd's required figure already
 *        counts every device, so this equals {@code memory_required_gb}
 * @param moeOffloadedGb MoE expert weights kept in system RAM when the run mode is {@code moe_offload}, else null
 * @param fitLabel llmfit's label of the fit level: Perfect, Good, Marginal, Too Tight
 * @param runModeLabel llmfit's label of the run mode: GPU, MoE, CPU+GPU, CPU (fitd's {@code none} is "None")
 * @param runtimeLabel llmfit's label of the runtime: llama.cpp, MLX
 * @param moe true for mixture-of-experts models
 * @param diskSizeGb size of the weight files at the row's quantization, GiB
 * @param ggufSources the catalog aliases that are Hugging Face GGUF repositories, as llmfit's {repo, provider}
 * @param ollamaName the model's Ollama tag when the catalog lists one ({@code llama3.1:8b}), else null
 * @param capabilityIds llmfit's capability ids that apply: {@code vision}, {@code tool_use}
 * @param supportsTp tensor-parallel degrees 1..8 that divide both the attention and the KV head counts
 *        (llmfit's {@code valid_tp_sizes})
 */
public record LlmfitRowFields(
        String name,
        double paramsB,
        String parameterCount,
        int contextLength,
        double memoryRequiredGb,
        double memoryAvailableGb,
        Double utilizationPct,
        double totalMemoryGb,
        Double moeOffloadedGb,
        String fitLabel,
        String runModeLabel,
        String runtimeLabel,
        @JsonProperty("is_moe") boolean moe,
        double diskSizeGb,
        List<GgufSource> ggufSources,
        String ollamaName,
        List<String> capabilityIds,
        List<Integer> supportsTp) {

    /** One GGUF download source, llmfit's {@code GgufSource}: repository id and its publisher. */
    public record GgufSource(String repo, String provider) { }

    static LlmfitRowFields of(FitResult r, ModelRow.MemoryView memory) {
        ModelSpec m = r.model();
        ModelEstimate e = r.estimate();
        Double moeOffloaded = null;
        if (e.runMode() == RunMode.MOE_OFFLOAD) {
            long ramWeights = 0;
            for (DeviceUse d : e.devices()) {
                if (d.gpuIndex() < 0) {
                    ramWeights += d.weightsBytes();
                }
            }
            moeOffloaded = Units.gib(ramWeights);
        }
        List<String> caps = new ArrayList<>(2);
        if (m.capabilities() != null && m.capabilities().vision()) {
            caps.add("vision");
        }
        if (m.capabilities() != null && m.capabilities().toolUse()) {
            caps.add("tool_use");
        }
        return new LlmfitRowFields(m.key(), Units.round(m.params() / 1e9, 2), m.paramsString(), m.maxContextLength(),
                memory.requiredGb(), memory.availableGb(), memory.utilizationPct(), memory.requiredGb(), moeOffloaded,
                fitLabel(r.level()), runModeLabel(e.runMode()), runtimeLabel(e.runtime()), m.isMoe(),
                Units.gib(e.fileBytes()), ggufSources(m.aliases()), ollamaName(m.aliases()), List.copyOf(caps),
                tpSizes(m.arch()));
    }

    /** llmfit's {@code fit_text()}. */
    static String fitLabel(FitLevel level) {
        return switch (level) {
            case PERFECT -> "Perfect";
            case GOOD -> "Good";
            case MARGINAL -> "Marginal";
            case TOO_TIGHT -> "Too Tight";
        };
    }

    /**
     * llmfit's {@code run_mode_text()}. llmfit counts one or several GPUs, and Apple's unified memory, as its
     * {@code Gpu} mode ("GPU"); a partial layer offload is its {@code CpuOffload} ("CPU+GPU"). fitd's
     * {@code none} (fits nowhere) has no llmfit counterpart and is labelled "None".
     */
    static String runModeLabel(RunMode mode) {
        return switch (mode) {
            case GPU, MULTI_GPU, UNIFIED -> "GPU";
            case PARTIAL_OFFLOAD -> "CPU+GPU";
            case MOE_OFFLOAD -> "MoE";
            case CPU_ONLY -> "CPU";
            case NONE -> "None";
        };
    }

    /** llmfit's {@code InferenceRuntime::label()}. */
    static String runtimeLabel(InferenceRuntime runtime) {
        return switch (runtime) {
            case LLAMACPP -> "llama.cpp";
            case MLX -> "MLX";
        };
    }

    /** Aliases of the form {@code owner/Name-GGUF}: Hugging Face repositories of GGUF files. */
    static List<GgufSource> ggufSources(List<String> aliases) {
        List<GgufSource> out = new ArrayList<>();
        for (String a : aliases) {
            int slash = a.indexOf('/');
            if (slash > 0 && a.regionMatches(true, a.length() - 4, "gguf", 0, 4)) {
                out.add(new GgufSource(a, a.substring(0, slash)));
            }
        }
        return out.isEmpty() ? List.of() : List.copyOf(out);
    }

    /** The first alias that is an Ollama tag ({@code family:tag}, no slash), else null. */
    static String ollamaName(List<String> aliases) {
        for (String a : aliases) {
            if (a.indexOf(':') > 0 && a.indexOf('/') < 0) {
                return a;
            }
        }
        return null;
    }

    private static final List<Integer> TP_ONE = List.of(1);

    /** Degrees 1..8 dividing both head counts; just 1 when the architecture is unknown. */
    static List<Integer> tpSizes(Architecture arch) {
        if (arch == null || arch.attentionHeads() <= 0 || arch.kvHeads() <= 0) {
            return TP_ONE;
        }
        List<Integer> out = new ArrayList<>(8);
        for (int tp = 1; tp <= 8; tp++) {
            if (tp == 1 || (arch.attentionHeads() % tp == 0 && arch.kvHeads() % tp == 0)) {
                out.add(tp);
            }
        }
        return List.copyOf(out);
    }
}
