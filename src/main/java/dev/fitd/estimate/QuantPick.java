package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import java.util.List;

/**
 * The size-first quant pick (comfort before bits) and the ladder it walks: which runtime a model runs in and
 * which quants of that runtime's ladder it is offered in.
 */
final class QuantPick {
    private final EstimatorSettings settings;

    QuantPick(EstimatorSettings settings) {
        this.settings = settings;
    }

    /**
     * The best quant of {@code ladder} (best first) that fits within {@code restriction}: the highest-quality
     * 4-bit-or-better quant that leaves the placement comfortable ({@link EstimatorSettings#comfortableUtilization()});
     * else the highest-quality one within {@link EstimatorSettings#tightUtilization()}; else the highest-quality one
     * that fits at all. So a model that could sit comfortably at Q8_0 is not squeezed in at F16, and one that fits
     * well at Q4_K_M is not pushed to a barely-fitting Q5_K_M. Null when none fits.
     */
    QuantEval pick(EstimateRun run, List<QuantType> ladder, int ctx, Placer.Restriction restriction, double minQuality) {
        QuantEval tight = null;
        QuantEval any = null;
        double fourBit = QuantType.Q4_0.quality();
        for (QuantType q : ladder) {
            if (q.quality() < minQuality || (q.quality() < fourBit && tight != null)) {
                break;
            }
            if (!run.mayFit(q, ctx, restriction)) {
                continue;
            }
            QuantEval e = run.eval(q, ctx, restriction, false);
            if (!e.plan.fits()) {
                continue;
            }
            double u = utilization(e.plan);
            if (q.quality() >= fourBit && u <= settings.comfortableUtilization()) {
                return e;
            }
            if (tight == null && u <= settings.tightUtilization()) {
                tight = e;
            }
            if (any == null) {
                any = e;
            }
        }
        return tight != null ? tight : any;
    }

    /** How full a plan is: {@link ModelEstimate#peakUtilization(RunMode, List)}, the definition the grader reads. */
    private static double utilization(Placer.Plan plan) {
        return ModelEstimate.peakUtilization(plan.mode(), plan.devices());
    }

    static InferenceRuntime runtime(ModelSpec m, MachineView mv, InferenceRuntime asked, QuantType forced) {
        if (forced != null && forced.format() == QuantType.Format.MLX) {
            if (asked == InferenceRuntime.LLAMACPP) {
                throw new IllegalArgumentException("quant " + forced.wire() + " is an MLX format; runtime llamacpp loads "
                        + "GGUF types such as Q4_K_M");
            }
            return InferenceRuntime.MLX;
        }
        if (forced != null && forced.isGguf() && forced.bitsPerWeight() < 16 && asked == InferenceRuntime.MLX) {
            throw new IllegalArgumentException("quant " + forced.wire() + " is a GGUF type; runtime mlx loads MLX_4BIT, "
                    + "MLX_8BIT or BF16");
        }
        if (asked != null) {
            return asked;
        }
        if (forced != null) {
            return InferenceRuntime.LLAMACPP;
        }
        return mv.apple && m.formats().contains("mlx") ? InferenceRuntime.MLX : InferenceRuntime.LLAMACPP;
    }

    static List<QuantType> ladder(ModelSpec m, InferenceRuntime runtime) {
        List<QuantType> full = QuantType.ladder(runtime);
        if (runtime == InferenceRuntime.LLAMACPP && "mxfp4".equals(m.nativeDtype()) && m.isMoe()) {
            return List.of(QuantType.MXFP4);
        }
        if (runtime == InferenceRuntime.LLAMACPP && "fp8".equals(m.nativeDtype())) {
            return full.subList(full.indexOf(QuantType.Q8_0), full.size());
        }
        return full;
    }
}
