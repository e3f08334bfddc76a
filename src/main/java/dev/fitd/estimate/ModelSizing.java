package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the estimator knows about a model before it sees a machine: tensor counts, the buffer shape, weight
 * bytes per quantization and the KV-cache model per cache type. None of it depends on the hardware, the
 * context or the request, so a what-if on a new machine reuses it instead of recounting every tensor of
 * every model ({@link WeightSizer} and {@link TensorCounts} were about a third of an uncached
 * {@code /api/v1/models} what-if; see {@code docs/benchmarks.md}).
 *
 * <p>Filled lazily and thread-safely: two threads that size the same quant at once both compute the same
 * immutable value and one wins; readers see either nothing (and compute) or a complete value.
 */
final class ModelSizing {
    final ModelSpec model;
    final TensorCounts counts;
    final Overheads.TensorShape shape;
    /** {@link TensorCounts#totalParams()} and {@link TensorCounts#activeParamsExcludingEmbedding()}, summed once. */
    final double totalParams;
    final double activeParamsExcludingEmbedding;
    /** Index {@code 2 × quant ordinal + (MLX runtime ? 1 : 0)}. */
    private final AtomicReferenceArray<Sized> weights = new AtomicReferenceArray<>(2 * QuantType.values().length);
    private final AtomicReferenceArray<KvCache> kv = new AtomicReferenceArray<>(KvCacheType.values().length);
    private final int ubatch;

    ModelSizing(ModelSpec model, int ubatch) {
        this.model = model;
        this.ubatch = ubatch;
        this.counts = new TensorCounts(model);
        long ffnActive = Math.max(counts.ffnSize, counts.expertFfnSize * Math.max(1, counts.expertsPerToken));
        this.shape = new Overheads.TensorShape(counts.hidden, model.arch().vocabSize(), ffnActive,
                model.arch().mla() != null);
        this.totalParams = counts.totalParams();
        this.activeParamsExcludingEmbedding = counts.activeParamsExcludingEmbedding();
    }

    /**
     * Weight bytes of one quant with their per-layer prefix sums ({@link Placer#prefixSums}) and file size.
     * Dense models share one all-zero array for their (absent) experts and its prefix sums, so the sizes of a
     * whole catalog at every quant stay small on the heap. None of these arrays is ever written after sizing.
     */
    record Sized(WeightBytes bytes, long[] layerPrefix, long[] expertPrefix, long fileBytes, double activeBytes) {
        static Sized of(WeightBytes w) {
            long[] expertPrefix = WeightBytes.sum(w.expert()) == 0 ? zeros(w.expert().length + 1)
                    : Placer.prefixSums(w.expert());
            return new Sized(w, Placer.prefixSums(w.layer()), expertPrefix, w.fileBytes(), activeBytes(w));
        }

        /**
         * Weight bytes one token reads, bytes: the output head, every layer's non-expert tensors and its active
         * routed experts, summed in that order (what {@link EstimateAssembly#places} divides the active parameters by).
         */
        private static double activeBytes(WeightBytes w) {
            double active = w.output();
            for (int i = 0; i < w.layer().length; i++) {
                active += w.layer()[i] + w.activeExpert()[i];
            }
            return active;
        }

        /** {@link WeightBytes#layersBytes()} read from the prefix sums' last entries instead of summed again. */
        long layersBytes() {
            return layerPrefix[layerPrefix.length - 1] + expertPrefix[expertPrefix.length - 1];
        }
    }

    private static final ConcurrentHashMap<Integer, long[]> ZEROS = new ConcurrentHashMap<>();

    /** A shared, never-written array of {@code n} zeros. */
    static long[] zeros(int n) {
        return ZEROS.computeIfAbsent(n, long[]::new);
    }

    /** Weight bytes at {@code q}; {@code mlxRuntime} as in {@link WeightSizer#size(ModelSpec, TensorCounts, QuantType, boolean)}. */
    Sized weights(QuantType q, boolean mlxRuntime) {
        int i = 2 * q.ordinal() + (mlxRuntime ? 1 : 0);
        Sized w = weights.get(i);
        if (w == null) {
            w = Sized.of(WeightSizer.size(model, counts, q, mlxRuntime));
            weights.set(i, w);
        }
        return w;
    }

    /** The KV-cache model of this architecture with cache type {@code type}. */
    KvCache kv(KvCacheType type) {
        KvCache k = kv.get(type.ordinal());
        if (k == null) {
            k = new KvCache(model.arch(), type, ubatch);
            kv.set(type.ordinal(), k);
        }
        return k;
    }

    /**
     * Sizings by model <em>instance</em> (catalog entries are immutable and live as long as their catalog).
     * Identity, not {@code ModelSpec.equals}: hashing a whole record on every lookup would cost more than
     * some of what it saves. Bounded: past {@link #MAX_ENTRIES} models (a reloaded catalog, or uncatalogued
     * local models rebuilt per inventory) the cache starts over, which costs one recount per model.
     */
    static final class Cache {
        static final int MAX_ENTRIES = 4096;
        private final ConcurrentHashMap<Identity, ModelSizing> map = new ConcurrentHashMap<>();
        private final int ubatch;

        Cache(int ubatch) {
            this.ubatch = ubatch;
        }

        ModelSizing of(ModelSpec model) {
            Identity key = new Identity(model);
            ModelSizing s = map.get(key);
            if (s == null) {
                if (map.size() >= MAX_ENTRIES) {
                    map.clear();
                }
                s = new ModelSizing(model, ubatch);
                ModelSizing raced = map.putIfAbsent(key, s);
                if (raced != null) {
                    s = raced;
                }
            }
            return s;
        }

        int size() { return map.size(); }
    }

    private record Identity(ModelSpec model) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.model == model;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(model);
        }
    }
}
