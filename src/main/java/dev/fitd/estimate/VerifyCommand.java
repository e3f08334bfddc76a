package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import java.util.Locale;

/**
 * The command that measures the figure fitd predicts, matching the placement: {@code llama-bench}
 * decoding 128 tokens at the KV depth the estimate assumed ({@code -d}), with the same GPU layers
 * ({@code -ngl}), layer split ({@code -ts}), expert offload ({@code -ncmoe}), KV type ({@code -ctk/-ctv})
 * and threads ({@code -t}); for MLX, {@code mlx_lm.generate}, which prints generation tokens-per-sec.
 */
final class VerifyCommand {
    private VerifyCommand() { }

    static String llamaBench(ModelSpec m, QuantType q, Placer.Plan plan, int depth, KvCacheType kv, int threads,
                             int gpusInSnapshot) {
        StringBuilder b = new StringBuilder("llama-bench -m ").append(fileName(m)).append('-').append(q.wire())
                .append(".gguf -p 0 -n 128");
        if (depth > 0) {
            b.append(" -d ").append(depth);
        }
        switch (plan.mode()) {
            case CPU_ONLY, NONE -> b.append(" -ngl 0");
            case PARTIAL_OFFLOAD -> b.append(" -ngl ").append(plan.gpuLayers());
            default -> b.append(" -ngl 99");
        }
        if (plan.mode() == RunMode.MOE_OFFLOAD) {
            b.append(" -ncmoe ").append(plan.cpuMoeLayers());
        }
        if (plan.mode() == RunMode.GPU && gpusInSnapshot > 1) {
            b.append(" -sm none -mg ").append(plan.gpus().get(0).gpuIndex());
        } else if (plan.gpus().size() > 1 && plan.mode() != RunMode.NONE) {
            StringBuilder ts = new StringBuilder();
            for (int g = 0; g < plan.gpuStart().length; g++) {
                ts.append(g == 0 ? "" : "/").append(plan.gpuEnd()[g] - plan.gpuStart()[g]);
            }
            b.append(" -ts ").append(ts);
        }
        if (kv != KvCacheType.F16) {
            b.append(" -fa 1 -ctk ").append(kv.wire()).append(" -ctv ").append(kv.wire());
        }
        if (plan.cpuLayers() > 0 || plan.cpuMoeLayers() > 0 || plan.mode() == RunMode.CPU_ONLY) {
            b.append(" -t ").append(threads);
        }
        return b.toString();
    }

    static String mlxGenerate(ModelSpec m, QuantType q) {
        String suffix = switch (q) {
            case MLX_4BIT -> "4bit";
            case MLX_8BIT -> "8bit";
            default -> q.wire().toLowerCase(Locale.ROOT);
        };
        return "mlx_lm.generate --model mlx-community/" + fileName(m) + "-" + suffix
                + " --prompt \"Write a story\" --max-tokens 128";
    }

    private static String fileName(ModelSpec m) {
        String k = m.key();
        return k.substring(k.indexOf('/') + 1);
    }
}
