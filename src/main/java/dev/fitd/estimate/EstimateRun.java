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
    /** Usable bytes of all GPUs together, and of every pool a placement may use ({@link #mayFit}), summed once. */
    private final long gpuUsable;
    private final long anyUsable;
    private ModelSizing.Sized exactWeights;
    private int kvContext = -1;
    private long[] kvPrefix;
    /** Placements made in this call, by quant, context, restriction and MLX-off-Apple ({@link #key}). */
    private final java.util.HashMap<Long, QuantEval> placed = new java.util.HashMap<>();

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
        long gpus = 0;
        for (Placer.Pool p : mv.machine.gpus()) {
            gpus += Math.max(0, p.usable());
        }
        long ramUsable = Math.max(0, mv.machine.ram().usable());
        this.gpuUsable = gpus;
        this.anyUsable = mv.machine.unified() ? ramUsable : gpus + ramUsable;
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
        long kvTotal = kvPrefix(context)[counts.layers];
        if (r == Placer.Restriction.GPU_RESIDENT) {
            return sized.layersBytes() + kvTotal <= gpuUsable;
        }
        return sized.fileBytes() + kvTotal <= anyUsable;
    }

    /** Prefix sums of the KV bytes per layer at {@code context}; every quant of the ladder shares them. */
    private long[] kvPrefix(int context) {
        if (context != kvContext) {
            kvPrefix = Placer.prefixSums(kv.layerBytes(context, slots));
            kvContext = context;
        }
        return kvPrefix;
    }

    /**
     * {@code q} placed at {@code context} within {@code r}. Each placement is made once per call: the size-first
     * seed, the ranked search, the "also fits" note and the context search ask for some of the same ones. A plan
     * that fits on the GPUs alone (one GPU, a split, unified memory) is what every restriction returns, since
     * placement tries those first whatever it may fall back to, so it also answers the other restrictions.
     */
    QuantEval eval(QuantType q, int context, Placer.Restriction r, boolean mlxOffApple) {
        long key = key(q, context, r, mlxOffApple);
        QuantEval known = placed.get(key);
        if (known == null && r != Placer.Restriction.GPU_RESIDENT) {
            QuantEval resident = placed.get(key(q, context, Placer.Restriction.GPU_RESIDENT, mlxOffApple));
            known = resident != null && resident.plan.fits() ? resident : null;
        }
        if (known == null && r == Placer.Restriction.GPU_RESIDENT) {
            QuantEval any = placed.get(key(q, context, Placer.Restriction.ANY, mlxOffApple));
            known = any != null && any.plan.fits() && gpuResident(any.plan.mode()) ? any : null;
        }
        if (known != null) {
            return known;
        }
        QuantEval e = place(q, context, r, mlxOffApple);
        placed.put(key, e);
        return e;
    }

    private static boolean gpuResident(RunMode m) {
        return m == RunMode.GPU || m == RunMode.MULTI_GPU || m == RunMode.UNIFIED;
    }

    private static long key(QuantType q, int context, Placer.Restriction r, boolean mlxOffApple) {
        return ((long) context << 16) | ((long) q.ordinal() << 4) | ((long) r.ordinal() << 1) | (mlxOffApple ? 1 : 0);
    }

    private QuantEval place(QuantType q, int context, Placer.Restriction r, boolean mlxOffApple) {
        ModelSizing.Sized w = weights(q);
        long[] kvPrefix = kvPrefix(context);
        Placer.Load load = new Placer.Load(w.bytes(), w.layerPrefix(), w.expertPrefix(), kvPrefix, sizing.shape,
                KvCache.paddedCells(context), ubatch, kvType, slots);
        return new QuantEval(q, context, w.bytes(), w.fileBytes(), w.activeBytes(), new Placer(load).place(mv.machine, r),
                mlxOffApple);
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
