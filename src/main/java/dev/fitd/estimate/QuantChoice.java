package dev.fitd.estimate;

import dev.fitd.catalog.ModelType;
import dev.fitd.hardware.Backend;
import java.util.ArrayList;
import java.util.List;

/** The score-ranked quant choice: every quant that may win is placed once, the rest pruned by a score bound. */
final class QuantChoice {
    private final EstimatorSettings settings;
    private final QuantPick pick;

    QuantChoice(EstimatorSettings settings, QuantPick pick) {
        this.settings = settings;
        this.pick = pick;
    }

    /**
     * The chosen quant, and the usable context its search found: {@code final} when that is the answer
     * (below the cap, or the cap is the model's maximum), else a context known to fit to continue from.
     */
    record Chosen(QuantEval eval, int usable, boolean usableIsFinal) { }

    /**
     * The quant {@code score} ranks first among those of {@code ladder} that fit within {@code restriction}:
     * quants at or above the score's quality floor first, the others only when none of those fits. Equal scores
     * (at the precision shown) go to the faster quant. A quant whose {@link QuantScore#bound} is below the best
     * score found is not placed, which keeps a GPU-rich machine at one or two placements per model. Each
     * candidate is placed once, its decode speed taken from the roofline and its usable context searched only
     * up to {@link QuantScore#contextCap()}. Partial offload wins only when its score beats every quant that fits
     * on the device. When a larger quant also fits, a note names the largest that fits and the best-scoring larger
     * one, with their speeds. Null when nothing fits.
     */
    Chosen choose(EstimateRun run, List<QuantType> ladder, int ctx, int depth, Placer.Restriction restriction,
                  QuantScore score, List<String> notes) {
        List<QuantEval> evals = new ArrayList<>();
        List<ModelEstimate> candidates = new ArrayList<>();
        int best = -1;
        double[] roofline = run.model.isMoe() ? null : rooflineBandwidths(run);
        int cap = Math.max(ctx, Math.min(score.contextCap(), run.model.maxContextLength()));
        // Seed with the size-first pick (a few placements): a good score found early lets the bounds skip most quants.
        QuantEval seed = run.mv.machine.gpus().isEmpty() ? null
                : pick.pick(run, ladder, ctx, Placer.Restriction.GPU_RESIDENT, settings.minOnGpuQuant().quality());
        if (seed == null) {
            seed = pick.pick(run, ladder, ctx, restriction, 0);
        }
        if (seed != null && !score.aboveFloor(seed.quant)) {
            seed = null;
        }
        double bestScore = Double.NEGATIVE_INFINITY;
        if (seed != null) {
            evals.add(seed);
            candidates.add(withContext(run, seed, candidate(run, seed, depth, cap), ctx, cap));
            best = 0;
            bestScore = score.score(candidates.get(0));
        }
        for (int pass = 0; pass == 0 || (pass == 1 && best < 0); pass++) {
            // The last candidate held entirely by one kind of pool (the bound holds for larger quants too: placed
            // worse, they are slower still).
            ModelEstimate onePool = seed != null && onePool(run, candidates.get(0)) ? candidates.get(0) : null;
            for (QuantType q : ladder) {
                if (score.aboveFloor(q) != (pass == 0) || (seed != null && q == seed.quant)) {
                    continue;
                }
                if (best >= 0 && score.bound(q, maxDecodeTps(run, roofline, onePool, q), !run.mv.machine.gpus().isEmpty()
                        && run.mayFit(q, ctx, Placer.Restriction.GPU_RESIDENT)) < bestScore) {
                    continue;
                }
                if (!run.mayFit(q, ctx, restriction)) {
                    continue;
                }
                QuantEval e = run.eval(q, ctx, restriction, false);
                if (!e.plan.fits()) {
                    continue;
                }
                // First as if its usable context reached the cap: a candidate that cannot win even so is not searched.
                ModelEstimate c = candidate(run, e, depth, cap);
                if (onePool(run, c)) {
                    onePool = c;
                }
                if (best >= 0 && score.score(c) < bestScore) {
                    continue;
                }
                c = withContext(run, e, c, ctx, cap);
                evals.add(e);
                candidates.add(c);
                double sc = score.score(c);
                if (best < 0 || sc > bestScore || (sc == bestScore && speed(c) > speed(candidates.get(best)))) {
                    best = candidates.size() - 1;
                    bestScore = sc;
                }
            }
        }
        if (best < 0) {
            return null;
        }
        ModelEstimate chosen = candidates.get(best);
        double chosenQuality = evals.get(best).quant.quality();
        ModelEstimate largest = null;
        ModelEstimate runnerUp = null;
        for (int i = 0; i < candidates.size(); i++) {
            ModelEstimate c = candidates.get(i);
            double q = evals.get(i).quant.quality();
            if (q <= chosenQuality) {
                continue;
            }
            if (largest == null || q > QuantType.parse(largest.quant()).quality()) {
                largest = c;
            }
            if (runnerUp == null || better(score, c, runnerUp)) {
                runnerUp = c;
            }
        }
        ModelEstimate top = largestThatFits(run, ladder, ctx, depth, restriction,
                largest == null ? chosenQuality : QuantType.parse(largest.quant()).quality());
        if (top != null) {
            largest = top;
            runnerUp = runnerUp == null ? top : runnerUp;
        }
        if (largest != null) {
            notes.add(EstimateNotes.alsoFits(run, largest, runnerUp, chosen));
        }
        int usable = chosen.usableContext();
        return new Chosen(evals.get(best), usable, usable < cap || cap >= run.model.maxContextLength());
    }

    /**
     * The highest-quality quant of {@code ladder} above {@code quality} that fits within {@code restriction}, as a
     * candidate for the "also fits" note, or null when none does: the note names the largest quant that fits
     * whatever the search pruned (the bounds may skip it once a better score is known). Walks the ladder (best first) and
     * stops at the first that fits; quants that cannot fit whatever the placement are not placed.
     */
    private ModelEstimate largestThatFits(EstimateRun run, List<QuantType> ladder, int ctx, int depth,
                                         Placer.Restriction restriction, double quality) {
        for (QuantType q : ladder) {
            if (q.quality() <= quality || !run.mayFit(q, ctx, restriction)) {
                continue;
            }
            QuantEval e = run.eval(q, ctx, restriction, false);
            if (e.plan.fits()) {
                return candidate(run, e, depth, ctx);
            }
        }
        return null;
    }

    /**
     * An upper bound of the decode speed of {@code q}, from a larger candidate {@code onePool} held entirely by
     * GPUs, unified memory, or the CPU of a machine without GPUs. A smaller quant fits the same pools, so it is
     * placed the same way; per token the roofline reads its weights plus the same KV cache at the same
     * bandwidth, with the same per-layer overhead, and sub-4-bit types read no faster
     * ({@link Throughput}): time per token shrinks at most in proportion to the bytes, so
     * {@code tps(q) <= tps(c) * bytes(c) / bytes(q)}. File bytes stand in for bytes read (the token embedding
     * they include is a small share); 10 % slack covers that. Infinite when no such candidate is known (after
     * partial or MoE offload a smaller quant may move onto the GPU and be far faster).
     */
    private static double maxDecodeTps(EstimateRun run, double[] roofline, ModelEstimate onePool, QuantType q) {
        if (run.model.type() == ModelType.EMBEDDING) {
            // Prefill is compute-bound (FLOP per token do not depend on the quant): the same pool, the same speed.
            return onePool == null || onePool.prefillTps() == null ? Double.POSITIVE_INFINITY : 1.1 * onePool.prefillTps();
        }
        double bound = Double.POSITIVE_INFINITY;
        ModelSizing.Sized sized = run.weights(q);
        if (onePool != null && onePool.decodeTps() != null && sized.fileBytes() > 0) {
            bound = 1.1 * onePool.decodeTps() * onePool.fileBytes() / sized.fileBytes();
        }
        if (roofline != null) {
            bound = Math.min(bound, rooflineMaxTps(roofline, sized));
        }
        return bound;
    }

    /**
     * An upper bound of a dense model's decode speed on this machine whatever the placement: every token reads
     * every layer and the output head (L bytes); at most the GPUs' usable memory G of them can sit in GPU memory
     * and be read at the fastest GPU's effective bandwidth, the rest is read from RAM at the CPU's
     * ({@link Throughput#effectiveBandwidth}, without the sub-4-bit penalty). KV reads and per-layer overheads only
     * add time, so {@code tps <= 1 / (min(L, G) / B_gpu + max(0, L - G) / B_cpu)}.
     */
    private static double rooflineMaxTps(double[] roofline, ModelSizing.Sized w) {
        double gpu = roofline[0];
        double cpu = roofline[1];
        double read = w.layersBytes() + w.bytes().output();
        if (gpu <= cpu) {
            return cpu / read;
        }
        double onGpu = Math.min(read, roofline[2]);
        return 1 / (onGpu / gpu + (read - onGpu) / cpu);
    }

    /** {fastest GPU's effective bandwidth, CPU's effective bandwidth (bytes/s), GPUs' usable memory (bytes)}. */
    private double[] rooflineBandwidths(EstimateRun run) {
        CalibrationConstants c = settings.calibration();
        double cpu = Throughput.effectiveBandwidth(new Throughput.Place("CPU", Backend.CPU, DeviceClass.CPU,
                run.mv.ramBandwidthGbps, 0, 0, run.mv.threads, 0, null, false), false, c);
        double gpu = 0;
        double capacity = 0;
        for (Placer.Pool p : run.mv.machine.gpus()) {
            gpu = Math.max(gpu, Throughput.effectiveBandwidth(new Throughput.Place(p.name(), p.backend(),
                    DeviceClass.of(p.name(), false, run.mv.apple), p.bandwidthGbps(), 0, 0, 0, 0, null, false, 0, 0,
                    p.cudaGraphs()), false, c));
            capacity += Math.max(0, p.usable());
        }
        return new double[] {gpu, cpu, capacity};
    }

    private static boolean better(QuantScore score, ModelEstimate a, ModelEstimate b) {
        double sa = score.score(a);
        double sb = score.score(b);
        return sa > sb || (sa == sb && speed(a) > speed(b));
    }

    /** Decode tokens/s, the tie-break between equal scores (fewer bytes per token: faster for every use). */
    private static double speed(ModelEstimate e) {
        Double v = e.decodeTps();
        return v == null ? 0 : v;
    }

    /** Held entirely by GPUs, unified memory, or the CPU of a machine without GPUs (see {@link #maxDecodeTps}). */
    private static boolean onePool(EstimateRun run, ModelEstimate c) {
        RunMode m = c.runMode();
        return m == RunMode.GPU || m == RunMode.MULTI_GPU || m == RunMode.UNIFIED
                || (m == RunMode.CPU_ONLY && run.mv.machine.gpus().isEmpty());
    }

    /** {@code c} with its usable context searched up to {@code cap} (it was built as if it reached the cap). */
    private static ModelEstimate withContext(EstimateRun run, QuantEval e, ModelEstimate c, int ctx, int cap) {
        if (cap <= ctx) {
            return c;
        }
        int usable = ContextSearch.usableContext(run, e, cap);
        return usable < cap ? c.withUsableContext(usable) : c;
    }

    /**
     * A candidate for {@link #choose}: what the score reads (quant, placement and per-device use, speed, and the
     * given usable context) and nothing else (no notes, basis or verify command).
     */
    private ModelEstimate candidate(EstimateRun run, QuantEval e, int depth, int usable) {
        List<Throughput.Place> places = EstimateAssembly.places(run, e, depth);
        CalibrationConstants c = settings.calibration();
        double decode = 1 / Throughput.decodeSecondsPerToken(places, e.quant.isLowBit(), c);
        double prefill = Throughput.prefillTokensPerSecond(places, Throughput.tokensPerExpert(run.model, settings.ubatch()),
                e.quant.isLowBit(), c);
        Placer.Plan plan = e.plan;
        return new ModelEstimate(e.quant.wire(), run.runtime, new ModelEstimate.Size(0, e.fileBytes, 0),
                new MemoryBreakdown(0, 0, 0), new ModelEstimate.Placement(plan.mode(), true, plan.gpuLayers(),
                plan.cpuLayers(), plan.cpuMoeLayers(), 0, plan.devices()),
                new ModelEstimate.Speed(decode, prefill, null, null), new ModelEstimate.Context(e.context, usable), List.of());
    }
}
