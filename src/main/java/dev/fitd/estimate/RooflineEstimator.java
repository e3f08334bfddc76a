package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The estimator: weights by quantization ({@link WeightSizer}), KV cache as llama.cpp allocates it
 * ({@link KvCache}), buffers ({@link Overheads}), placement over GPUs and RAM ({@link Placer}), and
 * speed from the calibrated bandwidth roofline ({@link Throughput}).
 *
 * <p><b>Best quantization</b>: walking the runtime's ladder ({@link QuantType#ladder}) from the best,
 * first among quants at least as good as {@link EstimatorSettings#minOnGpuQuant()} that fit entirely in GPU
 * memory; failing that, among all that fit anywhere (MoE expert offload, partial offload, CPU). Within
 * each, comfort before bits: see {@link QuantPick#pick}.
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
    private final EstimatorSettings settings;
    private final QuantPick pick;
    private final QuantChoice choice;
    private final EstimateAssembly assembly;
    /** Machine-independent sizes per model, reused by every estimate of that model. */
    private final ModelSizing.Cache sizings;
    /** The machine view of the last snapshot estimated against: a catalog is graded against one machine. */
    private volatile LastMachine lastMachine;

    private record LastMachine(HardwareSnapshot hardware, MachineView view) { }

    public RooflineEstimator(EstimatorSettings settings) {
        this.settings = settings;
        this.pick = new QuantPick(settings);
        this.choice = new QuantChoice(settings, pick);
        this.assembly = new EstimateAssembly(settings);
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
        return assembly.build(model, o.run, o.chosen, o.usable, o.depth, o.notes);
    }

    /**
     * The estimate at the quant {@code score} ranks first among those that fit (see {@link QuantChoice#choose}), unless the
     * request forces one.
     */
    @Override
    public ModelEstimate estimateRanked(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request,
                                        QuantScore score) {
        Outcome o = decide(model, hardware, request, null, score);
        return assembly.build(model, o.run, o.chosen, o.usable, o.depth, o.notes);
    }

    /** What calibration needs to refit the roofline: the estimate and the places its decode figure reads from. */
    record DecodeInputs(ModelEstimate estimate, List<Throughput.Place> places, boolean lowBit) { }

    DecodeInputs decodeInputs(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request, int depth) {
        Outcome o = decide(model, hardware, request, depth, null);
        ModelEstimate e = assembly.build(model, o.run, o.chosen, o.usable, o.depth, o.notes);
        return new DecodeInputs(e, e.fits() ? EstimateAssembly.places(o.run, o.chosen, depth) : List.of(), o.chosen.quant.isLowBit());
    }

    private record Outcome(EstimateRun run, QuantEval chosen, int usable, int depth, List<String> notes) { }

    private Outcome decide(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request, Integer decodeDepthTokens,
                           QuantScore score) {
        EstimateRequest req = request == null ? EstimateRequest.DEFAULTS : request;
        QuantType forced = req.quant() == null ? null : QuantType.parse(req.quant());
        MachineView mv = machineView(hardware);
        InferenceRuntime runtime = QuantPick.runtime(model, mv, req.runtime(), forced);
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
        int ctx = ContextSearch.context(model, req, settings.defaultContext(), notes);
        KvCacheType kvType = req.kvCacheType() == null ? settings.defaultKvCache() : KvCacheType.parse(req.kvCacheType());
        int slots = req.parallelSlots() == null ? settings.defaultParallelSlots() : req.parallelSlots();
        if (slots < 1) {
            throw new IllegalArgumentException("invalid parallel slots " + slots + ": use a positive number");
        }
        EstimateRun run = new EstimateRun(sizings.of(model), mv, kvType, slots, runtime, EstimateRun.exactFile(req),
                settings.ubatch());
        notes.addAll(mv.notes);
        int depth = decodeDepthTokens != null ? decodeDepthTokens : Math.max(1, ctx / 2);
        // MLX has no CPU backend: its rows are unified-memory GPU rows or do not fit.
        Placer.Restriction anywhere = runtime == InferenceRuntime.MLX ? Placer.Restriction.GPU_RESIDENT
                : Placer.Restriction.ANY;

        List<QuantType> ladder = forced != null ? List.of(forced) : QuantPick.ladder(model, runtime);
        QuantEval chosen = null;
        QuantChoice.Chosen ranked = null;
        if (runtime == InferenceRuntime.MLX && !mv.apple) {
            notes.add("MLX runs only on Apple silicon; this machine has none");
            chosen = run.eval(ladder.get(ladder.size() - 1), ctx, Placer.Restriction.ANY, true);
        }
        if (chosen == null && forced == null && score != null) {
            ranked = choice.choose(run, ladder, ctx, depth, anywhere, score, notes);
            chosen = ranked == null ? null : ranked.eval();
        }
        if (chosen == null && forced == null && !mv.machine.gpus().isEmpty()) {
            chosen = pick.pick(run, ladder, ctx, Placer.Restriction.GPU_RESIDENT, settings.minOnGpuQuant().quality());
        }
        if (chosen == null) {
            chosen = pick.pick(run, ladder, ctx, anywhere, 0);
        }
        if (chosen == null) {
            chosen = run.eval(ladder.get(ladder.size() - 1), ctx, anywhere, false);
        }
        int usable;
        if (chosen.mlxOffApple) {
            usable = 0;
        } else if (ranked != null) {  // continue the choice's context search rather than start again
            usable = ranked.usableIsFinal() ? ranked.usable()
                    : ContextSearch.usableContext(run, chosen, model.maxContextLength(), ranked.usable());
        } else {
            usable = ContextSearch.usableContext(run, chosen, model.maxContextLength());
        }
        return new Outcome(run, chosen, usable, depth, notes);
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
}
