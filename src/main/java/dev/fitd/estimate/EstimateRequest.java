package dev.fitd.estimate;

/**
 * What to estimate for, beyond the model and the hardware. Null means "the default".
 *
 * @param contextTokens context to size the KV cache for; null: the configured default capped at the model's maximum
 * @param quant quantization forced by the caller (e.g. {@code Q4_K_M}); null: choose the best that fits
 * @param kvCacheType KV cache element type ({@code f16}, {@code bf16}, {@code q8_0}, {@code q4_0}); null: f16
 * @param runtime runtime forced by the caller; null: the natural one for the hardware
 * @param parallelSlots parallel sequences sharing the cache (multiplies KV cells); null: 1
 * @param weightsFileBytes exact size of an installed copy's weight files at {@code quant}; the computed
 *        per-tensor sizes are scaled to it, so placement stays per layer and the total is exact. Null: computed.
 */
public record EstimateRequest(Integer contextTokens, String quant, String kvCacheType,
                              InferenceRuntime runtime, Integer parallelSlots, Long weightsFileBytes) {

    /** Every value at its default. */
    public static final EstimateRequest DEFAULTS = new EstimateRequest(null, null, null, null, null);

    public EstimateRequest {
        if (weightsFileBytes != null && (quant == null || weightsFileBytes <= 0)) {
            throw new IllegalArgumentException("weightsFileBytes needs a quant and a positive size");
        }
    }

    /** A request whose weights are computed from the architecture. */
    public EstimateRequest(Integer contextTokens, String quant, String kvCacheType, InferenceRuntime runtime,
                           Integer parallelSlots) {
        this(contextTokens, quant, kvCacheType, runtime, parallelSlots, null);
    }

    /** This request at an installed copy's quantization and exact file size. */
    public EstimateRequest atInstalled(String installedQuant, Long fileBytes) {
        return new EstimateRequest(contextTokens, installedQuant, kvCacheType, runtime, parallelSlots,
                fileBytes != null && fileBytes > 0 ? fileBytes : null);
    }
}
