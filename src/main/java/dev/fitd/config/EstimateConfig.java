package dev.fitd.config;

import dev.fitd.estimate.CalibrationConstants;
import dev.fitd.estimate.EstimatorSettings;
import dev.fitd.estimate.KvCacheType;
import dev.fitd.estimate.QuantType;
import dev.fitd.fit.FitThresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code fitd.estimate.*}: what the estimator assumes when a request does not say, how much memory it keeps
 * free, and where the fit levels begin. Pure code never sees this interface: {@link #settings()} and
 * {@link #thresholds()} turn it into plain records. The defaults equal {@link EstimatorSettings#DEFAULTS}
 * and {@link FitThresholds#DEFAULTS}, whose javadoc gives the reasons.
 */
@ConfigMapping(prefix = "fitd.estimate")
public interface EstimateConfig {

    /** Context (tokens per slot) when a request has no {@code max_context}; capped at each model's maximum. */
    @WithDefault("8192")
    int defaultContext();

    /** KV cache type when a request has no {@code kv_cache}: f16, bf16, q8_0, q4_0, ... */
    @WithDefault("f16")
    String kvCache();

    /** Parallel sequences (llama-server {@code --parallel}); each multiplies the KV cache. */
    @WithDefault("1")
    int parallelSlots();

    /** llama.cpp micro-batch ({@code -ub}); sizes compute buffers and the sliding-window cache. */
    @WithDefault("512")
    int ubatch();

    /** Share of each memory pool kept free (of a GPU's total VRAM, of total RAM). */
    @WithDefault("0.05")
    double headroomFraction();

    /** The least kept free per pool, MiB; the larger of this and the fraction applies. */
    @WithDefault("512")
    long headroomMinMib();

    /** Best-quant search prefers a quant at least this good that fits entirely on the GPU over offloading a better one. */
    @WithDefault("Q3_K_S")
    String minOnGpuQuant();

    /** Plan CPU work with just the threads that saturate memory bandwidth (else every usable core). */
    @WithDefault("true")
    boolean autoThreads();

    /** Fit-level thresholds. */
    Fit fit();

    /** {@code fitd.estimate.fit.*}. */
    interface Fit {
        /** A perfect fit's fullest device is at most this full (0–1). */
        @WithDefault("0.80")
        double perfectMaxUtilization();

        /** A good GPU-resident or CPU-only fit is at most this full (0–1). */
        @WithDefault("0.90")
        double goodMaxUtilization();

        /** Lowest quantization of a perfect fit. */
        @WithDefault("Q4_0")
        String perfectMinQuant();

        /** Below this quantization a fit is marginal. */
        @WithDefault("Q3_K_M")
        String goodMinQuant();

        /** Decode tokens/s below which a fit is marginal (not applied to embedding models). */
        @WithDefault("10")
        double goodMinTps();
    }

    /**
     * The estimator's plain settings.
     *
     * @throws IllegalArgumentException naming the property whose value is not accepted
     */
    default EstimatorSettings settings() {
        KvCacheType kv = parse("kv-cache", () -> KvCacheType.parse(kvCache()));
        QuantType minOnGpu = parse("min-on-gpu-quant", () -> QuantType.parse(minOnGpuQuant()));
        // The best-quant search aims for the same comfort bars the fit levels use: one setting, two readers.
        return parse("", () -> new EstimatorSettings(defaultContext(), kv, parallelSlots(), ubatch(), headroomFraction(),
                headroomMinMib() << 20, minOnGpu, fit().perfectMaxUtilization(), fit().goodMaxUtilization(),
                CalibrationConstants.FITTED, autoThreads()));
    }

    /**
     * The fit thresholds as a plain record.
     *
     * @throws IllegalArgumentException naming the property whose value is not accepted
     */
    default FitThresholds thresholds() {
        Fit f = fit();
        QuantType perfect = parse("fit.perfect-min-quant", () -> QuantType.parse(f.perfectMinQuant()));
        QuantType good = parse("fit.good-min-quant", () -> QuantType.parse(f.goodMinQuant()));
        return parse("fit", () -> new FitThresholds(f.perfectMaxUtilization(), f.goodMaxUtilization(), perfect, good,
                f.goodMinTps()));
    }

    private static <T> T parse(String property, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fitd.estimate" + (property.isEmpty() ? "" : "." + property) + ": "
                    + e.getMessage(), e);
        }
    }
}
