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
                Double tflops, boolean cudaGraphs) {

        /**
         * A pool whose CUDA-graph use ({@link Throughput#cudaGraphs(Backend, String)}) is worked out here, once per
         * machine, rather than for every place of every placement costed.
         */
        Pool(String name, int gpuIndex, Backend backend, long capacity, long usable, double bandwidthGbps,
             Double tflops) {
            this(name, gpuIndex, backend, capacity, usable, bandwidthGbps, tflops, Throughput.cudaGraphs(backend, name));
        }
    }

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
    private final LayerCosts costs;
    private final GpuFill fill;

    Placer(Load load) {
        this.load = load;
        this.costs = new LayerCosts(load);
        this.fill = new GpuFill(load, costs);
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
            Plan single = fill.onGpus(m, List.of(largest), n, 0, RunMode.GPU);
            if (single.fits()) {
                return single;
            }
            firstFailure = single;
            if (gpus.size() > 1) {
                Plan balanced = fill.balanced(m, gpus);
                if (balanced != null && balanced.fits()) {
                    return balanced;
                }
                Plan multi = fill.onGpus(m, gpus, n, 0, RunMode.MULTI_GPU);
                if (multi.fits()) {
                    return multi;
                }
            }
            if (restriction == Restriction.GPU_RESIDENT) {
                return none(firstFailure);
            }
            if (costs.hasExperts) {
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
        if (!fill.gpuSideFits(gpus, n, n)) {
            return null;
        }
        // Fewest layers whose experts go to RAM such that the GPUs fit: monotone in N, binary search.
        int lo = 1;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (fill.gpuSideFits(gpus, n, mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Plan p = fill.onGpus(m, gpus, n, lo, RunMode.MOE_OFFLOAD);
        return p.fits() ? p : null;
    }

    private Plan partialOffload(Machine m, List<Pool> gpus) {
        int lo = 0;
        int hi = load.layers() - 1; // all layers on GPU is the full-GPU case, tried before
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fill.gpuSideFits(gpus, mid, 0)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == 0) {
            return null;
        }
        Plan p = fill.onGpus(m, gpus, lo, 0, RunMode.PARTIAL_OFFLOAD);
        return p.fits() ? p : null;
    }


    private Plan unified(Machine m) {
        int n = load.layers();
        WeightBytes w = load.w();
        Pool pool = m.gpus().get(0);
        long over = Overheads.runtimeContextBytes(pool.backend()) + costs.compute(true)
                + Overheads.visionRuntimeBytes(w.vision());
        DeviceUse gpu = costs.gpuUse(pool, 0, n, 0, w.output(), w.vision(), over);
        DeviceUse host = costs.ramUse(m.ram(), 0, 0, true, true, false);
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
        DeviceUse ram = costs.ramUse(m.ram(), n, 0, false, false, true);
        return new Plan(RunMode.CPU_ONLY, ram.fits(), true, List.of(ram), List.of(), new int[0], new int[0], n, 0,
                false);
    }

    /** See {@link GpuFill#onGpus}. */
    Plan onGpus(Machine m, List<Pool> gpus, int k, int ncmoe, RunMode mode) {
        return fill.onGpus(m, gpus, k, ncmoe, mode);
    }

    /** See {@link GpuFill#gpuSideFits}. */
    boolean gpuSideFits(List<Pool> gpus, int k, int ncmoe) {
        return fill.gpuSideFits(gpus, k, ncmoe);
    }

    /** Compute buffer of a device that holds the output head, or of one that does not. */
    long compute(boolean holdsOutput) {
        return costs.compute(holdsOutput);
    }
}
