package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides where a model's layers go, the way llama.cpp places them: repeating layers are split over
 * GPUs in device order ({@code -ts}), {@code -ngl k} puts the last k layers on GPU and keeps the output
 * head on the CPU unless every layer is offloaded, {@code --n-cpu-moe N} keeps the routed experts of the
 * first N layers in system RAM, the KV cache of a layer lives with the layer, the input embedding table
 * always stays in host memory, and a vision projector goes on the first GPU.
 *
 * <p>Order of preference (each checked against every pool's usable memory after headroom):
 * one GPU; all GPUs (layer split); unified memory; MoE expert offload with the fewest CPU layers;
 * partial offload with the most GPU layers; CPU only.
 */
final class Placer {
    /** How far a plan may move work off the GPUs. */
    enum Restriction { GPU_RESIDENT, ALLOW_MOE_OFFLOAD, ANY }

    /** A memory pool: one GPU, or system RAM ({@code gpuIndex = -1}). Bytes and GB/s. */
    record Pool(String name, int gpuIndex, Backend backend, long capacity, long usable, double bandwidthGbps,
                Double tflops) { }

    /** The machine as placement sees it. {@code unified}: the (single) GPU pool shares system RAM. */
    record Machine(List<Pool> gpus, Pool ram, boolean unified) { }

    /**
     * A model at one quantization and context. Per-layer costs come as prefix sums (index {@code i} holds the
     * sum over layers {@code [0, i)}; see {@link #prefixSums}), so that any range of layers costs O(1):
     * placement tries many ranges per model (binary searches over offloaded layers and expert layers), and the
     * weight sums are computed once per model and quant, not per placement.
     *
     * @param w weight bytes
     * @param layerPrefix prefix sums of {@code w.layer()} (everything but routed experts)
     * @param expertPrefix prefix sums of {@code w.expert()}
     * @param kvPrefix prefix sums of the KV bytes of each layer at the context and slots
     * @param cells KV cells per slot (for compute buffers)
     */
    record Load(WeightBytes w, long[] layerPrefix, long[] expertPrefix, long[] kvPrefix, Overheads.TensorShape shape,
                long cells, int ubatch, KvCacheType kvType, int slots) {
        int layers() { return layerPrefix.length - 1; }
    }

    /** {@code out[i] = a[0] + … + a[i-1]}, {@code out.length = a.length + 1}. */
    static long[] prefixSums(long[] a) {
        long[] out = new long[a.length + 1];
        for (int i = 0; i < a.length; i++) {
            out[i + 1] = out[i] + a[i];
        }
        return out;
    }

    /**
     * A placement. GPU {@code g} computes layers {@code [gpuStart[g], gpuEnd[g])}; the CPU computes layers
     * {@code [0, cpuLayers)} and the routed experts of layers {@code [0, cpuMoeLayers)}.
     *
     * @param gpuSideFits every requested GPU layer found room and every GPU is within its usable memory
     */
    record Plan(RunMode mode, boolean fits, boolean gpuSideFits, List<DeviceUse> devices, List<Pool> gpus,
                int[] gpuStart, int[] gpuEnd, int cpuLayers, int cpuMoeLayers, boolean outputOnGpu) {
        int gpuLayers() {
            int n = 0;
            for (int g = 0; g < gpuStart.length; g++) {
                n += gpuEnd[g] - gpuStart[g];
            }
            return n;
        }
    }

    private final Load load;
    private final long[] layerPrefix;
    private final long[] expertPrefix;
    private final long[] kvPrefix;
    private final boolean hasExperts;
    /** Compute buffer of a device that holds the output head, and of one that does not (fixed per load). */
    private final long computeWithOutput;
    private final long computeWithoutOutput;

    Placer(Load load) {
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
    private long rangeBytes(int a, int b) {
        return layerPrefix[b] - layerPrefix[a] + expertPrefix[b] - expertPrefix[a] + kvPrefix[b] - kvPrefix[a];
    }

    /** The best plan within {@code restriction}; when nothing fits, a NONE plan describing the CPU-only attempt. */
    Plan place(Machine m, Restriction restriction) {
        int n = load.layers();
        if (m.unified() && !m.gpus().isEmpty()) {
            Plan p = unified(m);
            if (p.fits() || restriction != Restriction.ANY) {
                return p.fits() ? p : none(p);
            }
            Plan cpu = cpuOnly(m);
            return cpu.fits() ? cpu : none(cpu);
        }
        List<Pool> gpus = m.gpus();
        Plan firstFailure = null;
        if (!gpus.isEmpty()) {
            Pool largest = gpus.get(0);
            for (Pool g : gpus) {
                if (g.usable() > largest.usable()) {
                    largest = g;
                }
            }
            Plan single = onGpus(m, List.of(largest), n, 0, RunMode.GPU);
            if (single.fits()) {
                return single;
            }
            firstFailure = single;
            if (gpus.size() > 1) {
                Plan balanced = balanced(m, gpus);
                if (balanced != null && balanced.fits()) {
                    return balanced;
                }
                Plan multi = onGpus(m, gpus, n, 0, RunMode.MULTI_GPU);
                if (multi.fits()) {
                    return multi;
                }
            }
            if (restriction == Restriction.GPU_RESIDENT) {
                return none(firstFailure);
            }
            if (hasExperts) {
                Plan moe = moeOffload(m, gpus);
                if (moe != null) {
                    return moe;
                }
            }
            if (restriction == Restriction.ALLOW_MOE_OFFLOAD) {
                return none(firstFailure);
            }
            Plan partial = partialOffload(m, gpus);
            if (partial != null) {
                return partial;
            }
        } else if (restriction == Restriction.GPU_RESIDENT) {
            return none(cpuOnly(m));
        }
        Plan cpu = cpuOnly(m);
        return cpu.fits() ? cpu : none(cpu);
    }

    private static Plan none(Plan attempt) {
        return new Plan(RunMode.NONE, false, attempt.gpuSideFits(), attempt.devices(), attempt.gpus(), attempt.gpuStart(),
                attempt.gpuEnd(), attempt.cpuLayers(), attempt.cpuMoeLayers(), attempt.outputOnGpu());
    }

    private Plan moeOffload(Machine m, List<Pool> gpus) {
        int n = load.layers();
        if (!gpuSideFits(gpus, n, n)) {
            return null;
        }
        // Fewest layers whose experts go to RAM such that the GPUs fit: monotone in N, binary search.
        int lo = 1;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (gpuSideFits(gpus, n, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Plan p = onGpus(m, gpus, n, lo, RunMode.MOE_OFFLOAD);
        return p.fits() ? p : null;
    }

    private Plan partialOffload(Machine m, List<Pool> gpus) {
        int lo = 0;
        int hi = load.layers() - 1; // all layers on GPU is the full-GPU case, tried before
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (gpuSideFits(gpus, mid, 0)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == 0) {
            return null;
        }
        Plan p = onGpus(m, gpus, lo, 0, RunMode.PARTIAL_OFFLOAD);
        return p.fits() ? p : null;
    }

    /**
     * Every layer on every GPU, split in proportion to what each GPU has left after its fixed buffers — the
     * way llama.cpp's default {@code --tensor-split} (proportional to free memory) spreads them — so no GPU
     * is fuller than the others. Null when the layers do not fit in the sum of those budgets.
     */
    private Plan balanced(Machine m, List<Pool> gpus) {
        int n = load.layers();
        WeightBytes w = load.w();
        int count = gpus.size();
        double[] budget = new double[count];
        double total = 0;
        for (int g = 0; g < count; g++) {
            Pool p = gpus.get(g);
            long vision = g == 0 ? w.vision() + Overheads.visionRuntimeBytes(w.vision()) : 0;
            long fixed = Overheads.runtimeContextBytes(p.backend()) + vision
                    + (g == count - 1 ? compute(true) + w.output() : compute(false));
            budget[g] = Math.max(0, p.usable() - fixed);
            total += budget[g];
        }
        long need = rangeBytes(0, n);
        if (need > total) {
            return null;
        }
        int[] start = new int[count];
        int[] end = new int[count];
        List<DeviceUse> devices = new ArrayList<>(count + 1);
        int next = 0;
        double cumulative = 0;
        for (int g = 0; g < count; g++) {
            Pool p = gpus.get(g);
            cumulative += budget[g];
            double target = need * cumulative / total;
            int take = next;
            while (take < n && (g == count - 1 || rangeBytes(0, take + 1) <= target + 0.5 * rangeBytes(take, take + 1))) {
                take++;
            }
            start[g] = next;
            end[g] = take;
            boolean last = g == count - 1;
            long vision = g == 0 ? w.vision() : 0;
            long over = Overheads.runtimeContextBytes(p.backend()) + Overheads.visionRuntimeBytes(vision) + compute(last);
            devices.add(gpuUse(p, next, take, 0, last ? w.output() : 0, vision, over));
            next = take;
        }
        boolean gpuFits = true;
        for (DeviceUse d : devices) {
            gpuFits &= d.fits();
        }
        DeviceUse ram = ramUse(m.ram(), 0, 0, true, true, false);
        devices.add(ram);
        return new Plan(RunMode.MULTI_GPU, gpuFits && ram.fits(), gpuFits, List.copyOf(devices), gpus, start, end, 0, 0,
                true);
    }

    /**
     * The last {@code k} layers on {@code gpus}, filled greedily in device order (each GPU takes as many
     * layers as fit; the GPU that takes the last layer also takes the output head when {@code k} is every
     * layer), the routed experts of the first {@code ncmoe} layers and everything else in RAM.
     */
    Plan onGpus(Machine m, List<Pool> gpus, int k, int ncmoe, RunMode mode) {
        int n = load.layers();
        WeightBytes w = load.w();
        boolean outputOnGpu = k == n;
        int from = n - k;
        int[] start = new int[gpus.size()];
        int[] end = new int[gpus.size()];
        List<DeviceUse> devices = new ArrayList<>(gpus.size() + 1);
        boolean allPlaced = true;
        int next = from;
        for (int g = 0; g < gpus.size(); g++) {
            Pool pool = gpus.get(g);
            long base = Overheads.runtimeContextBytes(pool.backend());
            long vision = g == 0 ? w.vision() : 0;
            long visionRuntime = Overheads.visionRuntimeBytes(vision);
            long lastCompute = compute(outputOnGpu);
            long outputBytes = outputOnGpu ? w.output() : 0;
            long rest = cost(next, n, ncmoe);
            start[g] = next;
            boolean last = g == gpus.size() - 1;
            if (next < n && (last || base + vision + visionRuntime + lastCompute + outputBytes + rest <= pool.usable())) {
                end[g] = n;
                devices.add(gpuUse(pool, next, n, ncmoe, outputBytes, vision, base + visionRuntime + lastCompute));
                next = n;
                if (base + vision + visionRuntime + lastCompute + outputBytes + rest > pool.usable()) {
                    allPlaced = false;
                }
                continue;
            }
            if (next >= n) {
                end[g] = next;
                continue;
            }
            long over = base + vision + visionRuntime + compute(false);
            int take = mostLayersWithin(next, n, ncmoe, pool.usable() - over);
            end[g] = take;
            if (take > next || vision > 0) {   // the projector's weights are in the budget, not in the overhead
                devices.add(gpuUse(pool, next, take, ncmoe, 0, vision, over - vision));
            }
            next = take;
        }
        if (gpus.isEmpty() && k > 0) {
            allPlaced = false;
        }
        boolean gpuFits = allPlaced;
        for (DeviceUse d : devices) {
            gpuFits &= d.fits();
        }
        DeviceUse ram = ramUse(m.ram(), from, ncmoe, outputOnGpu, !gpus.isEmpty() && k > 0, false);
        devices.add(ram);
        return new Plan(mode, gpuFits && ram.fits(), gpuFits, List.copyOf(devices), gpus, start, end, from,
                Math.min(Math.max(ncmoe, 0), n), outputOnGpu);
    }

    /**
     * {@code onGpus(m, gpus, k, ncmoe, mode).gpuSideFits()} without building the plan: the binary searches over
     * offloaded layers and expert layers ask it several times per placement. Follows {@link #onGpus} step by
     * step ({@code PlacerTest} checks that the two agree).
     */
    boolean gpuSideFits(List<Pool> gpus, int k, int ncmoe) {
        int n = load.layers();
        WeightBytes w = load.w();
        if (gpus.isEmpty()) {
            return k <= 0;
        }
        boolean outputOnGpu = k == n;
        int next = n - k;
        for (int g = 0; g < gpus.size(); g++) {
            if (next >= n) {
                return true;
            }
            Pool pool = gpus.get(g);
            long base = Overheads.runtimeContextBytes(pool.backend());
            long vision = g == 0 ? w.vision() : 0;
            long visionRuntime = Overheads.visionRuntimeBytes(vision);
            boolean last = g == gpus.size() - 1;
            long whole = base + vision + visionRuntime + compute(outputOnGpu) + (outputOnGpu ? w.output() : 0)
                    + cost(next, n, ncmoe);
            if (last || whole <= pool.usable()) {
                return whole <= pool.usable();   // this GPU takes every remaining layer (and the head)
            }
            long over = base + vision + visionRuntime + compute(false);
            int take = mostLayersWithin(next, n, ncmoe, pool.usable() - over);
            if ((take > next || vision > 0) && over + cost(next, take, ncmoe) > pool.usable()) {
                return false;
            }
            next = take;
        }
        return true;
    }

    private Plan unified(Machine m) {
        int n = load.layers();
        WeightBytes w = load.w();
        Pool pool = m.gpus().get(0);
        long over = Overheads.runtimeContextBytes(pool.backend()) + compute(true)
                + Overheads.visionRuntimeBytes(w.vision());
        DeviceUse gpu = gpuUse(pool, 0, n, 0, w.output(), w.vision(), over);
        DeviceUse host = ramUse(m.ram(), 0, 0, true, true, false);
        // One physical memory: the GPU share is a cap on the GPU part; together they must fit in RAM.
        long ramFree = m.ram().usable() - gpu.totalBytes();
        DeviceUse hostInShared = new DeviceUse(host.device(), -1, host.weightsBytes(), host.kvCacheBytes(),
                host.overheadBytes(), Math.max(0, m.ram().capacity() - gpu.totalBytes()), Math.max(0, ramFree), 0);
        boolean fits = gpu.fits() && hostInShared.fits();
        return new Plan(RunMode.UNIFIED, fits, gpu.fits(), List.of(gpu, hostInShared), List.of(pool), new int[] {0},
                new int[] {n}, 0, 0, true);
    }

    private Plan cpuOnly(Machine m) {
        int n = load.layers();
        DeviceUse ram = ramUse(m.ram(), n, 0, false, false, true);
        return new Plan(RunMode.CPU_ONLY, ram.fits(), true, List.of(ram), List.of(), new int[0], new int[0], n, 0,
                false);
    }

    /** Weights + KV of layers {@code [a, b)} on a GPU, experts of layers below {@code ncmoe} excluded. */
    private long cost(int a, int b, int ncmoe) {
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
    private int mostLayersWithin(int from, int n, int ncmoe, long budget) {
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

    private DeviceUse gpuUse(Pool pool, int a, int b, int ncmoe, long outputBytes, long vision, long overhead) {
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
    private DeviceUse ramUse(Pool ram, int cpuLayers, int ncmoe, boolean outputOnGpu, boolean gpuInUse, boolean cpuOnly) {
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
