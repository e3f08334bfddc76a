package dev.fitd.estimate;

/**
 * What a range of layers of one {@link Placer.Load} costs on a device, in O(1) from its prefix sums, and the
 * {@link DeviceUse} of a GPU or of system RAM holding a given share of the model.
 */
final class LayerCosts {
    private final Placer.Load load;
    private final long[] layerPrefix;
    private final long[] expertPrefix;
    private final long[] kvPrefix;
    final boolean hasExperts;
    /** Compute buffer of a device that holds the output head, and of one that does not (fixed per load). */
    private final long computeWithOutput;
    private final long computeWithoutOutput;

    LayerCosts(Placer.Load load) {
        this.load = load;
        layerPrefix = load.layerPrefix();
        expertPrefix = load.expertPrefix();
        kvPrefix = load.kvPrefix();
        hasExperts = expertPrefix[load.layers()] > 0;
        computeWithOutput = Overheads.computeBufferBytes(load.shape(), true, load.cells(), load.ubatch(), load.kvType());
        computeWithoutOutput = Overheads.computeBufferBytes(load.shape(), false, load.cells(), load.ubatch(),
                load.kvType());
    }

    /** Weights + experts + KV of layers {@code [a, b)}. */
    long rangeBytes(int a, int b) {
        return layerPrefix[b] - layerPrefix[a] + expertPrefix[b] - expertPrefix[a] + kvPrefix[b] - kvPrefix[a];
    }

    /** Weights + KV of layers {@code [a, b)} on a GPU, experts of layers below {@code ncmoe} excluded. */
    long cost(int a, int b, int ncmoe) {
        if (b <= a) {
            return 0;
        }
        long c = rangeBytes(a, b);
        int cpuExpertsEnd = Math.min(b, ncmoe);
        if (cpuExpertsEnd > a) {
            c -= expertPrefix[cpuExpertsEnd] - expertPrefix[a];
        }
        return c;
    }

    /**
     * The largest {@code take} in {@code [from, n]} with {@code cost(from, take, ncmoe) <= budget}: layers
     * {@code from, from+1, …} taken in order while they fit (the cost only grows with {@code take}).
     */
    int mostLayersWithin(int from, int n, int ncmoe, long budget) {
        if (budget < 0) {
            return from;
        }
        int lo = from;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cost(from, mid, ncmoe) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    long compute(boolean holdsOutput) {
        return holdsOutput ? computeWithOutput : computeWithoutOutput;
    }

    DeviceUse gpuUse(Placer.Pool pool, int a, int b, int ncmoe, long outputBytes, long vision, long overhead) {
        long weights = outputBytes + vision;
        long kv = 0;
        if (b > a) {
            weights += layerPrefix[b] - layerPrefix[a] + expertPrefix[b] - expertPrefix[Math.min(b, Math.max(a, ncmoe))];
            kv = kvPrefix[b] - kvPrefix[a];
        }
        return new DeviceUse(pool.name(), pool.gpuIndex(), weights, kv, overhead, pool.capacity(), pool.usable(), b - a);
    }

    /**
     * System RAM: the input embedding, the first {@code cpuLayers} layers with their KV, the experts of the
     * first {@code ncmoe} layers, the output head when it is not on a GPU, and the buffers of whatever
     * computes there.
     */
    DeviceUse ramUse(Placer.Pool ram, int cpuLayers, int ncmoe, boolean outputOnGpu, boolean gpuInUse, boolean cpuOnly) {
        WeightBytes w = load.w();
        long weights = w.tokenEmbd() + w.other();
        if (!outputOnGpu && !w.outputIsTiedCopy()) {
            weights += w.output();
        }
        // Layers [0, cpuLayers) whole, and the routed experts of layers [cpuLayers, ncmoe).
        weights += layerPrefix[cpuLayers] + expertPrefix[Math.max(cpuLayers, Math.min(ncmoe, load.layers()))];
        long kv = kvPrefix[cpuLayers];
        long overhead = Overheads.hostBufferBytes(load.shape(), load.ubatch(), load.slots());
        if (!gpuInUse) {
            weights += w.vision();
            overhead += Overheads.visionRuntimeBytes(w.vision());
        }
        if (cpuOnly || cpuLayers > 0 || ncmoe > 0 || !outputOnGpu) {
            overhead += compute(!outputOnGpu);
        }
        return new DeviceUse(ram.name(), -1, weights, kv, overhead, ram.capacity(), ram.usable(), cpuLayers);
    }
}
