package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import java.util.Map;

/** Per-call state shared by every quant and context tried: the model's sizing, the machine, the request. */
final class EstimateRun {
    final int ubatch;
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

    EstimateRun(ModelSizing sizing, MachineView mv, KvCacheType kvType, int slots, InferenceRuntime runtime,
                Map.Entry<QuantType, Long> exactFile, int ubatch) {
        this.ubatch = ubatch;
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

    QuantEval eval(QuantType q, int context, Placer.Restriction r, boolean mlxOffApple) {
        ModelSizing.Sized w = weights(q);
        long[] kvPrefix = kvPrefix(context);
        Placer.Load load = new Placer.Load(w.bytes(), w.layerPrefix(), w.expertPrefix(), kvPrefix, sizing.shape,
                KvCache.paddedCells(context), ubatch, kvType, slots);
        return new QuantEval(q, context, w.bytes(), w.fileBytes(), new Placer(load).place(mv.machine, r), mlxOffApple);
    }

    ModelSizing.Sized weights(QuantType q) {
        ModelSizing.Sized w = sizing.weights(q, runtime == InferenceRuntime.MLX);
        if (exactFile != null && exactFile.getKey() == q) {
            if (exactWeights == null) {
                exactWeights = ModelSizing.Sized.of(w.bytes().scaledToFile(exactFile.getValue()));
            }
            return exactWeights;
        }
        return w;
    }

    static Map.Entry<QuantType, Long> exactFile(EstimateRequest request) {
        return request.weightsFileBytes() == null ? null
                : Map.entry(QuantType.parse(request.quant()), request.weightsFileBytes());
    }
}
