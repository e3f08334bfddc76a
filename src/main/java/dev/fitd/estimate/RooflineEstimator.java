package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The estimator: weights by quantization ({@link WeightSizer}), KV cache as llama.cpp allocates it
 * ({@link KvCache}), buffers ({@link Overheads}), placement over GPUs and RAM ({@link Placer}), and
 * speed from the calibrated bandwidth roofline ({@link Throughput}).
 *
 * <p><b>Best quantization</b>: walking the runtime's ladder ({@link QuantType#ladder}) from the best,
 * first among quants at least as good as {@link EstimatorSettings#minOnGpuQuant()} that fit entirely in GPU
 * memory; failing that, among all that fit anywhere (MoE expert offload, partial offload, CPU). Within
 * each, comfort before bits: see {@link #pick}.
 * Natively FP8 models start the ladder at Q8_0, natively MXFP4 models (gpt-oss) are offered as MXFP4.
 *
 * <p><b>Context</b>: the request's, else {@link EstimatorSettings#defaultContext()}, never above the model's
 * maximum (a larger request is capped with a note). Decode speed is computed with the KV cache half
 * full (the mean over a conversation that fills the context).
 *
 * <p>Pure and thread-safe; about 1.5–2.5 µs per model on the 2-core build machine once a model's sizes
 * are cached (see {@code docs/benchmarks.md}).
 */
public final class RooflineEstimator implements Estimator {
    private static final double GIB = 1L << 30;

    private final EstimatorSettings settings;
    /** Machine-independent sizes per model, reused by every estimate of that model. */
    private final ModelSizing.Cache sizings;
    /** The machine view of the last snapshot estimated against: a catalog is graded against one machine. */
    private volatile LastMachine lastMachine;

    private record LastMachine(HardwareSnapshot hardware, MachineView view) { }

    public RooflineEstimator(EstimatorSettings settings) {
        this.settings = settings;
        this.sizings = new ModelSizing.Cache(settings.ubatch());
    }

    public RooflineEstimator() {
        this(EstimatorSettings.DEFAULTS);
    }

    public EstimatorSettings settings() { return settings; }

    @Override
    public ModelEstimate estimate(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request) {
        return estimate(model, hardware, request, null);
    }

    /**
     * @param decodeDepthTokens KV depth to compute decode speed at; null for half the context (the
     *        calibration passes the depth of the benchmark it compares with)
     */
    public ModelEstimate estimate(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request,
                                  Integer decodeDepthTokens) {
        Outcome o = decide(model, hardware, request, decodeDepthTokens, null);
        return build(model, o.run, o.chosen, o.usable, o.depth, o.notes);
    }

    /**
     * The estimate at the quant {@code score} ranks first among those that fit (see {@link #choose}), unless the
     * request forces one.
     */
    @Override
    public ModelEstimate estimateRanked(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request,
                                        QuantScore score) {
        Outcome o = decide(model, hardware, request, null, score);
        return build(model, o.run, o.chosen, o.usable, o.depth, o.notes);
    }

    /** What calibration needs to refit the roofline: the estimate and the places its decode figure reads from. */
    record DecodeInputs(ModelEstimate estimate, List<Throughput.Place> places, boolean lowBit) { }

    DecodeInputs decodeInputs(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request, int depth) {
        Outcome o = decide(model, hardware, request, depth, null);
        ModelEstimate e = build(model, o.run, o.chosen, o.usable, o.depth, o.notes);
        return new DecodeInputs(e, e.fits() ? places(o.run, o.chosen, depth) : List.of(), o.chosen.quant.isLowBit());
    }

    private record Outcome(Run run, Eval chosen, int usable, int depth, List<String> notes) { }

    private Outcome decide(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request, Integer decodeDepthTokens,
                           QuantScore score) {
        EstimateRequest req = request == null ? EstimateRequest.DEFAULTS : request;
        QuantType forced = req.quant() == null ? null : QuantType.parse(req.quant());
        MachineView mv = machineView(hardware);
        InferenceRuntime runtime = runtime(model, mv, req.runtime(), forced);
        Outcome o = decide(model, mv, req, decodeDepthTokens, score, forced, runtime);
        if (runtime == InferenceRuntime.MLX && mv.apple && req.runtime() == null && forced == null
                && !o.chosen.plan.fits() && model.formats().contains("gguf")) {
            // MLX runs only on the GPU; when no MLX build fits its share of unified memory, llama.cpp is the answer.
            o = decide(model, mv, req, decodeDepthTokens, score, null, InferenceRuntime.LLAMACPP);
            o.notes.add("no MLX build fits the GPU's share of unified memory: figures are for llama.cpp (GGUF)");
        }
        return o;
    }

    private Outcome decide(ModelSpec model, MachineView mv, EstimateRequest req, Integer decodeDepthTokens,
                           QuantScore score, QuantType forced, InferenceRuntime runtime) {
        List<String> notes = new ArrayList<>();
        int ctx = context(model, req, notes);
        KvCacheType kvType = req.kvCacheType() == null ? settings.defaultKvCache() : KvCacheType.parse(req.kvCacheType());
        int slots = req.parallelSlots() == null ? settings.defaultParallelSlots() : req.parallelSlots();
        if (slots < 1) {
            throw new IllegalArgumentException("invalid parallel slots " + slots + ": use a positive number");
        }
        Run run = new Run(sizings.of(model), mv, kvType, slots, runtime, exactFile(req));
        notes.addAll(mv.notes);
        int depth = decodeDepthTokens != null ? decodeDepthTokens : Math.max(1, ctx / 2);
        // MLX has no CPU backend: its rows are unified-memory GPU rows or do not fit.
        Placer.Restriction anywhere = runtime == InferenceRuntime.MLX ? Placer.Restriction.GPU_RESIDENT
                : Placer.Restriction.ANY;

        List<QuantType> ladder = forced != null ? List.of(forced) : ladder(model, runtime);
        Eval chosen = null;
        if (runtime == InferenceRuntime.MLX && !mv.apple) {
            notes.add("MLX runs only on Apple silicon; this machine has none");
            chosen = run.eval(ladder.get(ladder.size() - 1), ctx, Placer.Restriction.ANY, true);
        }
        if (chosen == null && forced == null && score != null) {
            chosen = choose(run, ladder, ctx, depth, anywhere, score, notes);
        }
        if (chosen == null && forced == null && !mv.machine.gpus().isEmpty()) {
            chosen = pick(run, ladder, ctx, Placer.Restriction.GPU_RESIDENT, settings.minOnGpuQuant().quality());
        }
        if (chosen == null) {
            chosen = pick(run, ladder, ctx, anywhere, 0);
        }
        if (chosen == null) {
            chosen = run.eval(ladder.get(ladder.size() - 1), ctx, anywhere, false);
        }
        int usable = chosen.mlxOffApple ? 0 : usableContext(run, chosen, model.maxContextLength());
        return new Outcome(run, chosen, usable, depth, notes);
    }

    /**
     * The quant {@code score} ranks first among those of {@code ladder} that fit within {@code restriction}:
     * quants at or above the score's quality floor first, the others only when none of those fits. Equal scores
     * (at the precision shown) go to the faster quant. A quant whose {@link QuantScore#bound} is below the best
     * score found is not placed, which keeps a GPU-rich machine at one or two placements per model. Each
     * candidate is placed once, its decode speed taken from the roofline and its usable context searched only
     * up to {@link QuantScore#contextCap()}. Partial offload wins only when its score beats every quant that fits
     * on the device. When a larger quant also fits, a note names the best-scoring one and its speed. Null when
     * nothing fits.
     */
    private Eval choose(Run run, List<QuantType> ladder, int ctx, int depth, Placer.Restriction restriction,
                        QuantScore score, List<String> notes) {
        List<Eval> evals = new ArrayList<>();
        List<ModelEstimate> candidates = new ArrayList<>();
        int best = -1;
        double[] roofline = run.model.isMoe() ? null : rooflineBandwidths(run);
        int cap = Math.max(ctx, Math.min(score.contextCap(), run.model.maxContextLength()));
        // Seed with the size-first pick (a few placements): a good score found early lets the bounds skip most quants.
        Eval seed = run.mv.machine.gpus().isEmpty() ? null
                : pick(run, ladder, ctx, Placer.Restriction.GPU_RESIDENT, settings.minOnGpuQuant().quality());
        if (seed == null) {
            seed = pick(run, ladder, ctx, restriction, 0);
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
                Eval e = run.eval(q, ctx, restriction, false);
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
        if (largest != null) {
            notes.add(alsoFits(run, largest, runnerUp, chosen));
        }
        return evals.get(best);
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
    private static double maxDecodeTps(Run run, double[] roofline, ModelEstimate onePool, QuantType q) {
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
            bound = Math.min(bound, rooflineMaxTps(roofline, sized.bytes()));
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
    private static double rooflineMaxTps(double[] roofline, WeightBytes w) {
        double gpu = roofline[0];
        double cpu = roofline[1];
        double read = w.layersBytes() + w.output();
        if (gpu <= cpu) {
            return cpu / read;
        }
        double onGpu = Math.min(read, roofline[2]);
        return 1 / (onGpu / gpu + (read - onGpu) / cpu);
    }

    /** {fastest GPU's effective bandwidth, CPU's effective bandwidth (bytes/s), GPUs' usable memory (bytes)}. */
    private double[] rooflineBandwidths(Run run) {
        CalibrationConstants c = settings.calibration();
        double cpu = Throughput.effectiveBandwidth(new Throughput.Place("CPU", Backend.CPU, DeviceClass.CPU,
                run.mv.ramBandwidthGbps, 0, 0, run.mv.threads, 0, null, false), false, c);
        double gpu = 0;
        double capacity = 0;
        for (Placer.Pool p : run.mv.machine.gpus()) {
            gpu = Math.max(gpu, Throughput.effectiveBandwidth(new Throughput.Place(p.name(), p.backend(),
                    DeviceClass.of(p.name(), false, run.mv.apple), p.bandwidthGbps(), 0, 0, 0, 0, null, false), false, c));
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

    /**
     * "Q8_0 also fits (25 of 80 layers on GPU, 69.8 GiB of weights) at about 1.3 tok/s[, and IQ4_XS (...) at about
     * 4.0 tok/s]; IQ2_XXS, at 13.8 tok/s, ranks higher on score ...": the largest quant that also fits, and the
     * best-scoring of the larger ones when that is another.
     */
    private static String alsoFits(Run run, ModelEstimate largest, ModelEstimate runnerUp, ModelEstimate chosen) {
        return largest.quant() + " also fits " + fitsAt(run, largest)
                + (runnerUp != largest ? ", and " + runnerUp.quant() + " " + fitsAt(run, runnerUp) : "")
                + "; " + chosen.quant() + ", at " + tps(run, chosen) + " tok/s, ranks higher on score (quality, speed, "
                + "fit and context together)";
    }

    /** "(25 of 80 layers on GPU, 69.8 GiB of weights) at about 1.3 tok/s". */
    private static String fitsAt(Run run, ModelEstimate e) {
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
    private static String tps(Run run, ModelEstimate e) {
        boolean embedding = run.model.type() == ModelType.EMBEDDING;
        Double v = embedding ? e.prefillTps() : e.decodeTps();
        return Decimals.fixed(v == null ? 0 : v, 1) + (embedding ? " prefill" : "");
    }

    /** Held entirely by GPUs, unified memory, or the CPU of a machine without GPUs (see {@link #maxDecodeTps}). */
    private static boolean onePool(Run run, ModelEstimate c) {
        RunMode m = c.runMode();
        return m == RunMode.GPU || m == RunMode.MULTI_GPU || m == RunMode.UNIFIED
                || (m == RunMode.CPU_ONLY && run.mv.machine.gpus().isEmpty());
    }

    /** {@code c} with its usable context searched up to {@code cap} (it was built as if it reached the cap). */
    private static ModelEstimate withContext(Run run, Eval e, ModelEstimate c, int ctx, int cap) {
        if (cap <= ctx) {
            return c;
        }
        int usable = usableContext(run, e, cap);
        return usable < cap ? withUsableContext(c, usable) : c;
    }

    private static ModelEstimate withUsableContext(ModelEstimate c, int usable) {
        return new ModelEstimate(c.quant(), c.bitsPerWeight(), c.runtime(), c.contextTokens(), c.memory(),
                c.availableBytes(), c.runMode(), c.gpuLayers(), c.cpuLayers(), c.fits(), c.decodeTps(), c.prefillTps(),
                usable, c.basis(), c.verifyCommand(), c.notes(), c.devices(), c.fileBytes(), c.kvBytesPerContextToken(),
                c.cpuMoeLayers());
    }

    /**
     * A candidate for {@link #choose}: what the score reads (quant, placement and per-device use, speed, and the
     * given usable context) and nothing else (no notes, basis or verify command).
     */
    private ModelEstimate candidate(Run run, Eval e, int depth, int usable) {
        List<Throughput.Place> places = places(run, e, depth);
        CalibrationConstants c = settings.calibration();
        double decode = 1 / Throughput.decodeSecondsPerToken(places, e.quant.isLowBit(), c);
        double prefill = Throughput.prefillTokensPerSecond(places, Throughput.tokensPerExpert(run.model, settings.ubatch()),
                e.quant.isLowBit(), c);
        Placer.Plan plan = e.plan;
        return new ModelEstimate(e.quant.wire(), 0, run.runtime, e.context, new MemoryBreakdown(0, 0, 0), 0,
                plan.mode(), plan.gpuLayers(), plan.cpuLayers(), true, decode, prefill, usable, null, null, List.of(),
                plan.devices(), e.fileBytes, 0, plan.cpuMoeLayers());
    }


    /**
     * The best quant of {@code ladder} (best first) that fits within {@code restriction}: the highest-quality
     * 4-bit-or-better quant that leaves the placement comfortable ({@link EstimatorSettings#comfortableUtilization()});
     * else the highest-quality one within {@link EstimatorSettings#tightUtilization()}; else the highest-quality one
     * that fits at all. So a model that could sit comfortably at Q8_0 is not squeezed in at F16, and one that fits
     * well at Q4_K_M is not pushed to a barely-fitting Q5_K_M. Null when none fits.
     */
    private Eval pick(Run run, List<QuantType> ladder, int ctx, Placer.Restriction restriction, double minQuality) {
        Eval tight = null;
        Eval any = null;
        double fourBit = QuantType.Q4_0.quality();
        for (QuantType q : ladder) {
            if (q.quality() < minQuality || (q.quality() < fourBit && tight != null)) {
                break;
            }
            if (!run.mayFit(q, ctx, restriction)) {
                continue;
            }
            Eval e = run.eval(q, ctx, restriction, false);
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

    /** How full a plan is: system RAM for offload plans (they fill the GPU on purpose), else the fullest device. */
    private static double utilization(Placer.Plan plan) {
        boolean offload = plan.mode() == RunMode.MOE_OFFLOAD || plan.mode() == RunMode.PARTIAL_OFFLOAD;
        double peak = 0;
        for (DeviceUse d : plan.devices()) {
            boolean counts = offload ? d.gpuIndex() < 0
                    : d.gpuIndex() >= 0 || plan.mode() == RunMode.CPU_ONLY || plan.mode() == RunMode.UNIFIED;
            if (counts && d.totalBytes() > 0) {
                peak = Math.max(peak, d.utilization());
            }
        }
        return peak;
    }

    /** The snapshot as placement sees it; built once per snapshot (MachineView is immutable once built). */
    private MachineView machineView(HardwareSnapshot hardware) {
        LastMachine last = lastMachine;
        if (last != null && last.hardware == hardware) {
            return last.view;
        }
        MachineView mv = new MachineView(hardware, settings);
        lastMachine = new LastMachine(hardware, mv);
        return mv;
    }

    private int context(ModelSpec model, EstimateRequest req, List<String> notes) {
        int max = model.maxContextLength();
        if (req.contextTokens() != null) {
            int c = req.contextTokens();
            if (c < 1) {
                throw new IllegalArgumentException("invalid max_context value " + c + ": use a positive number of tokens");
            }
            if (c > max) {
                notes.add("requested context " + c + " exceeds the model's maximum of " + max + " tokens; figures use "
                        + max);
                return max;
            }
            return c;
        }
        return Math.min(settings.defaultContext(), max);
    }

    private static InferenceRuntime runtime(ModelSpec m, MachineView mv, InferenceRuntime asked, QuantType forced) {
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

    private static List<QuantType> ladder(ModelSpec m, InferenceRuntime runtime) {
        List<QuantType> full = QuantType.ladder(runtime);
        if (runtime == InferenceRuntime.LLAMACPP && "mxfp4".equals(m.nativeDtype()) && m.isMoe()) {
            return List.of(QuantType.MXFP4);
        }
        if (runtime == InferenceRuntime.LLAMACPP && "fp8".equals(m.nativeDtype())) {
            return full.subList(full.indexOf(QuantType.Q8_0), full.size());
        }
        return full;
    }

    /**
     * Largest context at the chosen quant that keeps the same kind of placement. Memory depends on the context
     * only through whole 256-cell pages ({@link KvCache#paddedCells}: KV cells, sliding-window cells and compute
     * buffers), so the search is over pages, and the answer is the last page that fits, capped at the bound.
     * The model's maximum is tried first: a model that fits at it (most models on a large GPU) costs one placement.
     */
    private static int usableContext(Run run, Eval chosen, int maxContext) {
        Placer.Restriction r = switch (chosen.plan.mode()) {
            case GPU, MULTI_GPU, UNIFIED -> Placer.Restriction.GPU_RESIDENT;
            case MOE_OFFLOAD -> Placer.Restriction.ALLOW_MOE_OFFLOAD;
            default -> Placer.Restriction.ANY;
        };
        int lo;
        int hi;
        if (chosen.plan.fits()) {
            lo = chosen.context;
            hi = maxContext;
        } else {
            Placer.Restriction any = run.runtime == InferenceRuntime.MLX && !chosen.mlxOffApple
                    ? Placer.Restriction.GPU_RESIDENT : Placer.Restriction.ANY;
            if (!run.eval(chosen.quant, 1, any, chosen.mlxOffApple).plan.fits()) {
                return 0;
            }
            lo = 1;
            hi = chosen.context - 1;
        }
        if (hi <= lo) {
            return lo;
        }
        long loPage = KvCache.paddedCells(lo) / KvCache.CELL_PADDING;  // fits: lo does
        long hiPage = KvCache.paddedCells(hi) / KvCache.CELL_PADDING;
        if (hiPage > loPage && fitsAtPage(run, chosen, r, hiPage)) {
            return hi;
        }
        hiPage--;                                                      // the page holding hi does not fit (or is lo's)
        while (loPage < hiPage) {
            long mid = (loPage + hiPage + 1) >>> 1;
            if (fitsAtPage(run, chosen, r, mid)) {
                loPage = mid;
            } else {
                hiPage = mid - 1;
            }
        }
        return (int) Math.max(lo, Math.min(hi, loPage * KvCache.CELL_PADDING));
    }

    private static boolean fitsAtPage(Run run, Eval chosen, Placer.Restriction r, long page) {
        return run.eval(chosen.quant, (int) (page * KvCache.CELL_PADDING), r, chosen.mlxOffApple).plan.fits();
    }

    private ModelEstimate build(ModelSpec model, Run run, Eval e, int usable, int depth, List<String> notes) {
        Placer.Plan plan = e.plan;
        WeightBytes w = e.weights;
        long weights = 0;
        long kv = 0;
        long over = 0;
        long available = 0;
        boolean ramCounts = switch (plan.mode()) {
            case GPU, MULTI_GPU, UNIFIED -> false;
            default -> true;
        };
        for (DeviceUse d : plan.devices()) {
            weights += d.weightsBytes();
            kv += d.kvCacheBytes();
            over += d.overheadBytes();
            if (d.gpuIndex() >= 0 || ramCounts) {
                available += d.capacityBytes();
            }
        }
        boolean fits = plan.fits() && !e.mlxOffApple;
        if (!fits) {
            available = run.mv.machine.ram().capacity();
            for (Placer.Pool p : run.mv.machine.gpus()) {
                available += p.capacity();
            }
        }
        describe(model, run, e, usable, notes);
        Double decode = null;
        Double prefill = null;
        EstimateBasis basis = null;
        String verify = null;
        if (fits) {
            List<Throughput.Place> places = places(run, e, depth);
            CalibrationConstants c = settings.calibration();
            boolean lowBit = e.quant.isLowBit();
            double seconds = Throughput.decodeSecondsPerToken(places, lowBit, c);
            decode = 1 / seconds;
            prefill = Throughput.prefillTokensPerSecond(places, Throughput.tokensPerExpert(model, settings.ubatch()), lowBit, c);
            basis = basis(places, lowBit, c, depth, run);
            verify = run.runtime == InferenceRuntime.MLX
                    ? VerifyCommand.mlxGenerate(model, e.quant)
                    : VerifyCommand.llamaBench(model, e.quant, plan, depth, run.kvType, run.mv.threads,
                    run.mv.machine.gpus().size());
        }
        double bits = 8.0 * e.fileBytes / Math.max(1, run.sizing.totalParams + model.visionParams());
        RunMode mode = fits ? plan.mode() : RunMode.NONE;
        return new ModelEstimate(e.quant.wire(), bits, run.runtime, e.context, new MemoryBreakdown(weights, kv, over),
                available, mode, fits ? plan.gpuLayers() : 0, fits ? plan.cpuLayers() : 0, fits, decode, prefill,
                usable, basis, verify, notes, plan.devices(), e.fileBytes, run.kv.bytesPerContextToken(run.slots),
                fits ? plan.cpuMoeLayers() : 0);
    }

    private void describe(ModelSpec model, Run run, Eval e, int usable, List<String> notes) {
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

    /** The places weights are read from per token, with their bytes, for {@link Throughput}. */
    private static List<Throughput.Place> places(Run run, Eval e, int depth) {
        Placer.Plan plan = e.plan;
        WeightBytes w = e.weights;
        int n = run.counts.layers;
        double activeParams = run.sizing.activeParamsExcludingEmbedding;
        double activeWeightBytes = w.output();
        for (int i = 0; i < n; i++) {
            activeWeightBytes += w.layer()[i] + w.activeExpert()[i];
        }
        double flopsPerByte = 2 * activeParams / Math.max(1, activeWeightBytes);
        List<Throughput.Place> places = new ArrayList<>(plan.gpus().size() + 1);
        int splitGpus = 0;
        for (int g = 0; g < plan.gpuStart().length; g++) {
            splitGpus += plan.gpuEnd()[g] > plan.gpuStart()[g] ? 1 : 0;
        }
        for (int g = 0; g < plan.gpuStart().length; g++) {
            Placer.Pool p = plan.gpus().get(g);
            double bytes = 0;
            double kvBytes = 0;
            double experts = 0;
            for (int i = plan.gpuStart()[g]; i < plan.gpuEnd()[g]; i++) {
                experts += i >= plan.cpuMoeLayers() ? w.activeExpert()[i] : 0;
                bytes += w.layer()[i];
                kvBytes += run.kv.layerReadBytes(i, depth);
            }
            bytes += experts;
            if (plan.outputOnGpu() && plan.gpuEnd()[g] == n && plan.gpuEnd()[g] > plan.gpuStart()[g]) {
                bytes += w.output();
            }
            int layers = plan.gpuEnd()[g] - plan.gpuStart()[g];
            if (layers > 0) {
                places.add(new Throughput.Place(p.name(), p.backend(),
                        DeviceClass.of(p.name(), plan.mode() == RunMode.UNIFIED, run.mv.apple), p.bandwidthGbps(),
                        bytes + kvBytes, layers, 0, bytes * flopsPerByte, p.tflops(), splitGpus > 1, experts,
                        splitGpus > 1 ? 4.0 * run.model.arch().hiddenSize() : 0));
            }
        }
        double cpuBytes = 0;
        double cpuKv = 0;
        double cpuExperts = 0;
        for (int i = 0; i < plan.cpuLayers(); i++) {
            cpuBytes += w.layer()[i];
            cpuKv += run.kv.layerReadBytes(i, depth);
        }
        for (int i = 0; i < Math.max(plan.cpuLayers(), Math.min(plan.cpuMoeLayers(), n)); i++) {
            cpuExperts += w.activeExpert()[i];
        }
        cpuBytes += cpuExperts;
        if (!plan.outputOnGpu()) {
            cpuBytes += w.output();
        }
        int cpuComputeLayers = Math.max(plan.cpuLayers(), plan.cpuMoeLayers());
        if (cpuBytes > 0) {
            places.add(new Throughput.Place("CPU", Backend.CPU, DeviceClass.CPU, run.mv.ramBandwidthGbps, cpuBytes + cpuKv,
                    cpuComputeLayers, run.mv.threads, cpuBytes * flopsPerByte, null, false, cpuExperts, 0));
        }
        return places;
    }

    private static EstimateBasis basis(List<Throughput.Place> places, boolean lowBit, CalibrationConstants c, int depth,
                                       Run run) {
        List<Double> bws = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        List<Double> effs = new ArrayList<>();
        long total = 0;
        double mainEff = 0;
        double mainBytes = -1;
        boolean cpu = false;
        for (Throughput.Place p : places) {
            double eff = Throughput.effectiveBandwidth(p, lowBit, c) / (p.bandwidthGbps() * 1e9);
            bws.add(p.bandwidthGbps());
            names.add(p.name());
            bytes.add((long) p.bytesPerToken());
            effs.add(Math.round(eff * 1000) / 1000.0);
            total += (long) p.bytesPerToken();
            cpu |= p.backend() == Backend.CPU;
            if (p.bytesPerToken() > mainBytes) {
                mainBytes = p.bytesPerToken();
                mainEff = eff;
            }
        }
        double overheadMs = Throughput.overheadSeconds(places, c) * 1000;
        return new EstimateBasis("bandwidth-roofline", bws, Math.round(mainEff * 1000) / 1000.0,
                Math.round(overheadMs * 100) / 100.0, depth, total, names, bytes, effs, cpu ? run.mv.threads : 0);
    }

    /** One evaluation of a quant at a context. */
    private record Eval(QuantType quant, int context, WeightBytes weights, long fileBytes, Placer.Plan plan,
                        boolean mlxOffApple) { }

    private static Map.Entry<QuantType, Long> exactFile(EstimateRequest request) {
        return request.weightsFileBytes() == null ? null
                : Map.entry(QuantType.parse(request.quant()), request.weightsFileBytes());
    }

    /** Per-call state shared by every quant and context tried: the model's sizing, the machine, the request. */
    private final class Run {
        final ModelSpec model;
        final ModelSizing sizing;
        final MachineView mv;
        final KvCacheType kvType;
        final int slots;
        final InferenceRuntime runtime;
        final TensorCounts counts;
        final KvCache kv;
        /** An installed copy's quant and exact file size, or null. */
        final Map.Entry<QuantType, Long> exactFile;
        private ModelSizing.Sized exactWeights;
        private int kvContext = -1;
        private long[] kvPrefix;

        Run(ModelSizing sizing, MachineView mv, KvCacheType kvType, int slots, InferenceRuntime runtime,
            Map.Entry<QuantType, Long> exactFile) {
            this.exactFile = exactFile;
            this.sizing = sizing;
            this.model = sizing.model;
            this.mv = mv;
            this.kvType = kvType;
            this.slots = slots;
            this.runtime = runtime;
            this.counts = sizing.counts;
            this.kv = sizing.kv(kvType);
        }

        /**
         * False when {@code q} at {@code context} cannot fit within {@code r} whatever the placement: the weights
         * and KV cache alone exceed the usable memory of every pool the placement may use together (all GPUs for
         * a GPU-resident plan; GPUs and RAM, or the one shared memory, otherwise). Buffers only add to that, so
         * the placement would fail too; skipping it keeps a what-if on a small machine from placing every quant
         * of every large model.
         */
        boolean mayFit(QuantType q, int context, Placer.Restriction r) {
            ModelSizing.Sized sized = weights(q);
            WeightBytes w = sized.bytes();
            long kvTotal = kvPrefix(context)[counts.layers];
            long gpuUsable = 0;
            for (Placer.Pool p : mv.machine.gpus()) {
                gpuUsable += Math.max(0, p.usable());
            }
            if (r == Placer.Restriction.GPU_RESIDENT) {
                return w.layersBytes() + kvTotal <= gpuUsable;
            }
            long ramUsable = Math.max(0, mv.machine.ram().usable());
            long capacity = mv.machine.unified() ? ramUsable : gpuUsable + ramUsable;
            return sized.fileBytes() + kvTotal <= capacity;
        }

        /** Prefix sums of the KV bytes per layer at {@code context}; every quant of the ladder shares them. */
        private long[] kvPrefix(int context) {
            if (context != kvContext) {
                kvPrefix = Placer.prefixSums(kv.layerBytes(context, slots));
                kvContext = context;
            }
            return kvPrefix;
        }

        Eval eval(QuantType q, int context, Placer.Restriction r, boolean mlxOffApple) {
            ModelSizing.Sized w = weights(q);
            long[] kvPrefix = kvPrefix(context);
            Placer.Load load = new Placer.Load(w.bytes(), w.layerPrefix(), w.expertPrefix(), kvPrefix, sizing.shape,
                    KvCache.paddedCells(context), settings.ubatch(), kvType, slots);
            return new Eval(q, context, w.bytes(), w.fileBytes(), new Placer(load).place(mv.machine, r), mlxOffApple);
        }

        private ModelSizing.Sized weights(QuantType q) {
            ModelSizing.Sized w = sizing.weights(q, runtime == InferenceRuntime.MLX);
            if (exactFile != null && exactFile.getKey() == q) {
                if (exactWeights == null) {
                    exactWeights = ModelSizing.Sized.of(w.bytes().scaledToFile(exactFile.getValue()));
                }
                return exactWeights;
            }
            return w;
        }
    }
}
