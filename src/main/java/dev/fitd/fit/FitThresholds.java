package dev.fitd.fit;

import dev.fitd.estimate.QuantType;

/**
 * Where the fit levels begin. Plain values; {@code config.EstimateConfig} maps {@code fitd.estimate.fit.*}
 * onto this record.
 *
 * @param perfectMaxUtilization a perfect fit leaves at least this much of its fullest device free:
 *        the device is at most this full (0–1)
 * @param goodMaxUtilization a good fit of a GPU-resident or CPU-only placement is at most this full;
 *        above it the fit is marginal ("fits only barely")
 * @param perfectMinQuant the lowest quantization a perfect fit may use (compared by quality factor)
 * @param goodMinQuant below this quantization a fit is marginal ("needs heavy quantization")
 * @param goodMinTps decode tokens/s below which a fit is marginal ("runs slowly"); not applied to
 *        embedding models, whose decode speed is not the point
 */
public record FitThresholds(double perfectMaxUtilization, double goodMaxUtilization, QuantType perfectMinQuant,
                            QuantType goodMinQuant, double goodMinTps) {

    public FitThresholds {
        if (!(perfectMaxUtilization > 0 && perfectMaxUtilization <= goodMaxUtilization && goodMaxUtilization <= 1)) {
            throw new IllegalArgumentException("need 0 < perfect utilization <= good utilization <= 1");
        }
        if (goodMinTps < 0) {
            throw new IllegalArgumentException("good-min-tps must not be negative");
        }
    }

    /**
     * Perfect: at most 80 % of the fullest GPU (Ollama's admission rule keeps the same 20 % margin),
     * Q4_0-class or better (every standard 4-bit format: Q4_0, Q4_K_M, IQ4_XS, MLX 4-bit, AWQ int4);
     * good: at most 90 % full, Q3_K_M or better, at least 10 tokens/s (about reading speed for
     * chat, the point below which people stop waiting).
     */
    public static final FitThresholds DEFAULTS = new FitThresholds(0.80, 0.90, QuantType.Q4_0, QuantType.Q3_K_M, 10);
}
