package dev.fitd.estimate;

/**
 * Plain settings of {@link RooflineEstimator}; {@code config.EstimateConfig} maps {@code fitd.estimate.*}
 * onto this record.
 *
 * @param defaultContext context (tokens per slot) when a request names none, capped at the model's maximum
 * @param defaultKvCache KV cache type when a request names none
 * @param defaultParallelSlots parallel sequences when a request names none (llama-server {@code --parallel})
 * @param ubatch llama.cpp micro-batch ({@code -ub}, default 512): sizes compute buffers and the SWA cache
 * @param headroomFraction share of each memory pool kept free (of a GPU's total VRAM / of total RAM)
 * @param headroomMinBytes the least kept free per pool, bytes; the reserve is the larger of the two
 * @param minOnGpuQuant best-quant search first looks for a quant at least this good that fits entirely
 *        in GPU memory, and only then accepts offload at a higher quality
 * @param calibration fitted throughput constants
 * @param comfortableUtilization best-quant search first looks for a 4-bit-or-better quant that leaves the
 *        fullest device at most this full (the perfect-fit bar)
 * @param tightUtilization ... then for one at most this full (the good-fit bar), before accepting any fit
 * @param autoThreads plan CPU work with just enough threads to saturate memory bandwidth
 *        ({@link CalibrationConstants#usefulCpuThreads}) rather than every usable core; calibration turns it
 *        off to replay the thread counts of the measurements
 */
public record EstimatorSettings(int defaultContext, KvCacheType defaultKvCache, int defaultParallelSlots, int ubatch,
                                double headroomFraction, long headroomMinBytes, QuantType minOnGpuQuant,
                                double comfortableUtilization, double tightUtilization, CalibrationConstants calibration,
                                boolean autoThreads) {

    public EstimatorSettings {
        if (defaultContext < 1 || defaultParallelSlots < 1 || ubatch < 1) {
            throw new IllegalArgumentException("context, slots and ubatch must be positive");
        }
        if (headroomFraction < 0 || headroomFraction >= 1 || headroomMinBytes < 0) {
            throw new IllegalArgumentException("headroom must be in [0, 1) and non-negative bytes");
        }
    }

    /**
     * 8192 tokens (a working chat / coding context; every current model supports it), f16 KV (llama.cpp's
     * default), one slot, ubatch 512 (llama.cpp's default), keep max(5 %, 512 MiB) of every pool free,
     * prefer fully-on-GPU down to Q3_K_S, comfort bars equal to {@code FitThresholds.DEFAULTS} (80 % / 90 %),
     * CPU threads chosen to saturate memory.
     */
    public static final EstimatorSettings DEFAULTS = new EstimatorSettings(8192, KvCacheType.F16, 1, 512, 0.05,
            512L << 20, QuantType.Q3_K_S, 0.80, 0.90, CalibrationConstants.FITTED, true);

    /** These settings with other calibration constants and thread choice (calibration replays). */
    public EstimatorSettings with(CalibrationConstants constants, boolean auto) {
        return new EstimatorSettings(defaultContext, defaultKvCache, defaultParallelSlots, ubatch, headroomFraction,
                headroomMinBytes, minOnGpuQuant, comfortableUtilization, tightUtilization, constants, auto);
    }

    /** Bytes kept free in a pool of {@code capacityBytes}. */
    public long reserveBytes(long capacityBytes) {
        return Math.max((long) (headroomFraction * capacityBytes), headroomMinBytes);
    }
}
