package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.hardware.Backend;
import java.util.List;

/** The prose of an estimate: why it does not fit, where its layers went, what was assumed, what else fits. */
final class EstimateNotes {
    private static final double GIB = 1L << 30;

    private EstimateNotes() { }

    static void describe(ModelSpec model, EstimateRun run, QuantEval e, int usable, List<String> notes) {
        Placer.Plan plan = e.plan;
        WeightBytes w = e.weights;
        int n = run.counts.layers;
        if (!plan.fits()) {
            long need = 0;
            for (DeviceUse d : plan.devices()) {
                need += d.totalBytes();
            }
            long gpuUsable = 0;
            for (Placer.Pool p : run.mv.machine.gpus()) {
                gpuUsable += Math.max(0, p.usable());
            }
            long kvBytes = run.kv.totalBytes(e.context, run.slots);
            notes.add("does not fit at " + e.quant.wire() + ": needs " + gib1(need) + " GiB (weights "
                    + gib1(w.residentBytes()) + ", KV " + gib1(kvBytes) + ", buffers " + gib1(need - e.fileBytes - kvBytes)
                    + "); usable after headroom: " + gib1(gpuUsable) + " GiB GPU memory"
                    + (run.mv.machine.unified() ? " (its share of unified memory), " : ", ")
                    + gib1(Math.max(0, run.mv.machine.ram().usable())) + " GiB system RAM"
                    + (run.mv.machine.unified() ? " (the same memory, for the CPU)" : ""));
            if (usable > 0) {
                notes.add("fits at " + e.quant.wire() + " with a context of at most " + usable + " tokens");
            }
            return;
        }
        switch (plan.mode()) {
            case MOE_OFFLOAD -> notes.add("routed experts of " + plan.cpuMoeLayers() + " of " + n
                    + " layers stay in system RAM (--n-cpu-moe " + plan.cpuMoeLayers() + "); everything else on GPU");
            case PARTIAL_OFFLOAD -> notes.add(plan.gpuLayers() + " of " + n + " layers on GPU, the rest and the output "
                    + "head in system RAM");
            case CPU_ONLY -> notes.add("runs on the CPU with " + run.mv.threads + " threads");
            default -> { }
        }
        if (plan.mode() != RunMode.CPU_ONLY && run.runtime == InferenceRuntime.LLAMACPP && w.tokenEmbd() > 0) {
            notes.add("input embedding table (" + Decimals.fixed(w.tokenEmbd() / GIB, 2)
                    + " GiB) stays in system RAM, as llama.cpp keeps it");
        }
        if (w.vision() > 0) {
            notes.add("includes the vision projector (" + Decimals.fixed(w.vision() / GIB, 2) + " GiB, F16)");
        }
        if (model.type() == ModelType.EMBEDDING) {
            notes.add("embedding model: prefill_tps (tokens embedded per second) is the figure that matters");
        }
        if (!e.quant.isGguf() && e.quant.format() != QuantType.Format.MLX) {
            notes.add(e.quant.wire() + " weights load in vLLM-class runtimes, not llama.cpp; memory and speed use the "
                    + "same model");
        }
        if (run.runtime == InferenceRuntime.MLX) {
            notes.add("MLX speed uses the llama.cpp Metal calibration (no MLX measurements in the calibration set)");
        }
        for (Placer.Pool p : plan.gpus()) {
            if (p.backend() == Backend.SYCL) {
                notes.add("no calibration data for SYCL: Vulkan's efficiency assumed");
                break;
            }
        }
    }

    private static String gib1(long bytes) {
        return Decimals.fixed(bytes / GIB, 1);
    }

    /**
     * "Q8_0 also fits (25 of 80 layers on GPU, 69.8 GiB of weights) at about 1.3 tok/s[, and IQ4_XS (...) at about
     * 4.0 tok/s]; IQ2_XXS, at 13.8 tok/s, ranks higher on score ...": the largest quant that also fits, and the
     * best-scoring of the larger ones when that is another.
     */
    static String alsoFits(EstimateRun run, ModelEstimate largest, ModelEstimate runnerUp, ModelEstimate chosen) {
        return largest.quant() + " also fits " + fitsAt(run, largest)
                + (runnerUp != largest ? ", and " + runnerUp.quant() + " " + fitsAt(run, runnerUp) : "")
                + "; " + chosen.quant() + ", at " + tps(run, chosen) + " tok/s, ranks higher on score (quality, speed, "
                + "fit and context together)";
    }

    /** "(25 of 80 layers on GPU, 69.8 GiB of weights) at about 1.3 tok/s". */
    private static String fitsAt(EstimateRun run, ModelEstimate e) {
        String where = switch (e.runMode()) {
            case PARTIAL_OFFLOAD -> e.gpuLayers() + " of " + run.counts.layers + " layers on GPU";
            case MOE_OFFLOAD -> "experts of " + e.cpuMoeLayers() + " layers in system RAM";
            case CPU_ONLY -> "on the CPU";
            case UNIFIED -> "in unified memory";
            default -> "all on GPU";
        };
        return "(" + where + ", " + gib1(e.fileBytes()) + " GiB of weights) at about " + tps(run, e) + " tok/s";
    }

    /** Decode tokens/s, or prefill tokens/s for an embedding model (the figure that matters for it), one decimal. */
    private static String tps(EstimateRun run, ModelEstimate e) {
        boolean embedding = run.model.type() == ModelType.EMBEDDING;
        Double v = embedding ? e.prefillTps() : e.decodeTps();
        return Decimals.fixed(v == null ? 0 : v, 1) + (embedding ? " prefill" : "");
    }
}
