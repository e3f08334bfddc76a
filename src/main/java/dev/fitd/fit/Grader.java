package dev.fitd.fit;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.QuantScore;
import dev.fitd.estimate.QuantType;
import dev.fitd.estimate.RunMode;

/**
 * Fit level and score of an estimate. Pure functions of the estimate, the model and the thresholds.
 *
 * <h2>Fit levels</h2>
 * <ul>
 * <li><b>too_tight</b>: does not fit anywhere (every pool keeps its headroom).</li>
 * <li><b>perfect</b>: entirely in GPU memory (one GPU, a layer split, or Apple's usable share), at
 *     {@link FitThresholds#perfectMinQuant()} or better, fullest device at most
 *     {@link FitThresholds#perfectMaxUtilization()}, and not slow ({@link FitThresholds#goodMinTps()}).</li>
 * <li><b>good</b>: fits comfortably with reasonable speed: at {@link FitThresholds#goodMinQuant()} or
 *     better, at least {@code goodMinTps}, and — for GPU-resident or CPU-only placements — fullest device at
 *     most {@link FitThresholds#goodMaxUtilization()}. MoE expert offload and partial offload pack the GPU
 *     on purpose (headroom is already kept), so for them speed decides.</li>
 * <li><b>marginal</b>: everything else that fits — barely, heavily quantized, or slow (CPU, heavy offload).</li>
 * </ul>
 * Embedding models are never judged on decode speed.
 *
 * <h2>Score</h2>
 * Four components, each 0–100, combined with {@link UseCaseWeights}:
 * <ul>
 * <li><b>quality</b> = capability × quant quality. Capability grows with the log of the parameters a
 *     token effectively uses — dense: all; MoE: √(total × active), a common rule of thumb for MoE
 *     quality — {@code 40 + 20·log10(B)}: 1B → 40, 8B → 58, 32B → 70, 70B → 77, 1T → 100. Embedding
 *     models: {@code 60 + 15·log10(B / 0.1)}. Quant quality: {@link QuantType#quality()}, 1 when the quant
 *     is at least the model's native precision (gpt-oss in MXFP4, DeepSeek in FP8 at Q8_0).</li>
 * <li><b>speed</b> = 100·√(tps / target), capped at 100 (decode tokens/s; prefill for embedding models).</li>
 * <li><b>fit</b>: 100 up to {@code perfectMaxUtilization}, falling linearly to 50 at a full device; ×0.8 for
 *     MoE expert offload, ×0.6 for partial offload, ×0.7 CPU only; 0 when it does not fit.</li>
 * <li><b>context</b> = 100·√(usable context / target), capped at 100.</li>
 * </ul>
 * A too_tight row scores one tenth of its quality component, so it sorts below anything runnable.
 */
public final class Grader {
    private Grader() { }

    public static FitLevel level(ModelSpec model, ModelEstimate e, FitThresholds t) {
        if (!e.fits()) {
            return FitLevel.TOO_TIGHT;
        }
        RunMode mode = e.runMode();
        boolean gpuResident = mode == RunMode.GPU || mode == RunMode.MULTI_GPU || mode == RunMode.UNIFIED;
        boolean offload = mode == RunMode.MOE_OFFLOAD || mode == RunMode.PARTIAL_OFFLOAD;
        double util = e.peakUtilization();
        double q = quantQuality(model, e.quant());
        boolean speedOk = model.type() == ModelType.EMBEDDING
                || (e.decodeTps() != null && e.decodeTps() >= t.goodMinTps());
        if (gpuResident && q >= t.perfectMinQuant().quality() && util <= t.perfectMaxUtilization() && speedOk) {
            return FitLevel.PERFECT;
        }
        boolean memoryOk = offload || util <= t.goodMaxUtilization();
        if (memoryOk && q >= t.goodMinQuant().quality() && speedOk) {
            return FitLevel.GOOD;
        }
        return FitLevel.MARGINAL;
    }

    public static Score score(ModelSpec model, ModelEstimate e, FitThresholds t, UseCase weighting) {
        UseCaseWeights w = UseCaseWeights.of(weighting);
        double quality = capability(model) * quantQuality(model, e.quant());
        if (!e.fits()) {
            return new Score(round(quality * 0.1), round(quality), 0, 0, round(contextScore(e.usableContext(), w)));
        }
        boolean embedding = model.type() == ModelType.EMBEDDING;
        Double tps = embedding ? e.prefillTps() : e.decodeTps();
        double speed = tps == null ? 0 : speedScore(tps, w);
        double fit = fitScore(e, t);
        double context = contextScore(e.usableContext(), w);
        double total = w.quality() * quality + w.speed() * speed + w.fit() * fit + w.context() * context;
        return new Score(round(total), round(quality), round(speed), round(fit), round(context));
    }

    /**
     * The quality component below which a quant is chosen only when nothing at or above it fits: 25, about an
     * 8B model at IQ2_XS (26) or a 3B at Q2_K (27). It keeps speed and fit from pushing a small model to a 2-bit
     * quant, while a 70B model at IQ2_XXS (30) entirely on a 24 GB GPU stays a candidate against partial offload.
     */
    public static final double QUALITY_FLOOR = 25;

    /**
     * The quant chooser of a row: quants ranked by this model's score (weighted for {@code weighting}) on the
     * machine, with {@link #QUALITY_FLOOR} as the floor. The row's score and the choice are the same function.
     */
    public static QuantScore chooser(ModelSpec model, FitThresholds t, UseCase weighting) {
        UseCaseWeights w = UseCaseWeights.of(weighting);
        double capability = capability(model);
        double maxContext = contextScore(model.maxContextLength(), w);  // no placement uses more than the model's maximum
        return new QuantScore() {
            @Override
            public double score(ModelEstimate candidate) { return Grader.score(model, candidate, t, weighting).total(); }

            @Override
            public double bound(QuantType quant, double maxSpeedTps, boolean mayBeGpuResident) {
                double speed = speedScore(maxSpeedTps, w);
                // fit: at most 100, or the best factor of a placement off the GPU (MoE offload 0.8, CPU 0.7; partial 0.6)
                double fit = mayBeGpuResident ? 100 : 100 * (model.isMoe() ? 0.8 : 0.7);
                return round(w.quality() * capability * quantQuality(model, quant) + w.speed() * speed + w.fit() * fit
                        + w.context() * maxContext);
            }

            @Override
            public boolean aboveFloor(QuantType quant) { return capability * quantQuality(model, quant) >= QUALITY_FLOOR; }

            @Override
            public int contextCap() { return w.targetContext(); }
        };
    }

    /** Capability 0–100 from effective parameters; see the class comment. */
    static double capability(ModelSpec m) {
        double total = m.params() / 1e9;
        double effective = m.isMoe() && m.activeParams() != null ? Math.sqrt(total * (m.activeParams() / 1e9)) : total;
        double c = m.type() == ModelType.EMBEDDING
                ? 60 + 15 * Math.log10(Math.max(1e-3, effective) / 0.1)
                : 40 + 20 * Math.log10(Math.max(1e-3, effective));
        return Math.max(5, Math.min(100, c));
    }

    /** Quality factor of {@code quant} for this model: 1 when at least its native precision. */
    static double quantQuality(ModelSpec m, String quant) {
        return quantQuality(m, QuantType.parse(quant));
    }

    static double quantQuality(ModelSpec m, QuantType q) {
        String nativeDtype = m.nativeDtype();
        if ("mxfp4".equals(nativeDtype) && (q == QuantType.MXFP4 || q.bitsPerWeight() >= 8)) {
            return 1;
        }
        if ("fp8".equals(nativeDtype) && q.bitsPerWeight() >= 8) {
            return 1;
        }
        return q.quality();
    }

    private static double speedScore(double tps, UseCaseWeights w) {
        return 100 * Math.min(1, Math.sqrt(tps / w.targetTps()));
    }

    private static double fitScore(ModelEstimate e, FitThresholds t) {
        double u = e.peakUtilization();
        double s = u <= t.perfectMaxUtilization() ? 100
                : Math.max(50, 100 - 50 * (u - t.perfectMaxUtilization()) / (1 - t.perfectMaxUtilization()));
        return s * switch (e.runMode()) {
            case MOE_OFFLOAD -> 0.8;
            case PARTIAL_OFFLOAD -> 0.6;
            case CPU_ONLY -> 0.7;
            default -> 1.0;
        };
    }

    private static double contextScore(int usable, UseCaseWeights w) {
        return 100 * Math.min(1, Math.sqrt(Math.max(0, usable) / (double) w.targetContext()));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
