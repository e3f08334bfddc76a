package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fitted constants of the decode and prefill rooflines ({@link Throughput}). A handful per backend and
 * device class, each with a physical meaning, no per-device or per-row terms. Fitted by
 * {@code CalibrationReportTest} on both calibration files ({@code src/test/resources/calibration/}); what each
 * was fitted on is in {@link #FITTED} and {@code docs/accuracy-report.md}.
 *
 * @param bandwidthEfficiency per backend: the fraction of a device's nominal memory bandwidth that weight reads
 *        reach in batch-1 mat-vec kernels (dimensionless); Metal's is for base, Pro and Max chips
 * @param appleUltraEfficiency the same for Apple Ultra chips (two dies joined by UltraFusion: each die's GPU
 *        reads half the memory through the bridge, so they reach a smaller share of the summed bandwidth)
 * @param layerOverheadMicros per GPU backend: fixed cost per layer and token on a current llama.cpp build (kernel
 *        launches and synchronisation; with CUDA graphs on CUDA), µs
 * @param cpuLayerOverheadMicros the same on CPU, per layer, token and thread (thread barriers between the ops of
 *        a layer), µs
 * @param cpuThreadGbps weight bytes one CPU thread streams through the dot-product kernels per second, GB/s —
 *        caps CPU bandwidth at {@code threads × cpuThreadGbps} when there are too few threads to saturate memory
 * @param lowBitFactor share of the device's effective bandwidth reached by the dequantization-bound sub-4-bit k-
 *        and i-quants ({@link GgmlType#isLowBit()}) on CUDA and ROCm ({@link Throughput#dequantBound})
 * @param oldBuildOverheadFactor how many times larger the per-layer GPU overhead was on llama.cpp builds older
 *        than their backend's last decode rework ({@code CalibrationData.oldBuild}: CUDA without CUDA graphs — before
 *        April 2024, or on a pre-Ampere GPU, where ggml leaves them off — and unfused Metal kernels before 2024). Explains the 2023 calibration rows without letting
 *        them inflate today's overhead; fitd estimates for current builds, so it is also the overhead of a
 *        multi-GPU layer split, where llama.cpp runs each device's part as its own graph and synchronises
 *        between them, and of a Pascal or older card, which today's ggml still runs without graphs (see
 *        {@link Throughput#overheadSeconds} and {@link Throughput#cudaGraphs})
 * @param firstGenBandwidthFactor the share of today's effective bandwidth that first-generation GPU mat-vec
 *        kernels reached: Metal builds before 2023-08 and CUDA builds before 2023-11 ({@code CalibrationData.firstGen}
 *        names the llama.cpp pull requests that replaced them). Fit only: fitd estimates current builds. Fitted on
 *        the five dense decode rows that old (July 2023 Metal on M1/M2 Max, August 2023 CUDA on A100); the
 *        later pre-2024 rows show no bandwidth loss as a group once their overhead is modelled
 * @param splitBoundaryMicros per-token latency of each boundary of a multi-GPU layer split: the device ending its
 *        layers copies the hidden state to the next one and that one waits for it (a small device-to-device copy plus
 *        an event/stream synchronisation), µs. A prior, not a fit: neither calibration file has a multi-GPU row.
 *        16.5 µs is the median GPU-to-GPU latency of the {@code P2P=Disabled Latency Matrix} that CUDA's
 *        {@code p2pBandwidthLatencyTest} printed on a 4-GPU machine (NVIDIA/cuda-samples issue #230: 11–20 µs; with
 *        P2P over NVLink 1.8–2.3 µs): consumer cards and most PCIe servers copy through the host
 * @param splitLinkGbps bandwidth of that copy, GB/s: 20, the {@code P2P=Disabled} bandwidth the same test prints
 *        between PCIe 4.0 x16 cards (20–22 GB/s in NVIDIA/nccl issue #814). A 4–32 KiB hidden state takes 0.2–1.6 µs
 *        of it, so the latency dominates. A prior like the latency
 * @param prefillEfficiency per backend: fraction of the device's dense FP16 matrix throughput prompt processing
 *        reaches (Vulkan's on discrete cards)
 * @param vulkanIntegratedPrefillEfficiency the same for Vulkan on a GPU that shares system memory (Strix Halo's
 *        Radeon 8060S, the only such device with rows): fitted on its six dense rows, which reach about half the share
 *        of its FP16 figure that discrete cards reach on Vulkan. One device: there is no held-out check of it
 * @param cpuThreadGflops prompt-processing throughput of one CPU thread, GFLOP/s
 * @param fallbackFlopsPerByte when a GPU's FP16 throughput is unknown, assume this many FLOP/s per byte/s of
 *        bandwidth (fitted on the rows of devices without an FP16 figure)
 * @param moePrefillHalfTokens per backend, mixture-of-experts prefill on a GPU: each routed expert multiplies only
 *        the tokens routed to it, {@code n = ubatch × experts per token / experts} of them (64 for gpt-oss-20b at a
 *        512-token micro-batch, 32 for Qwen3-30B-A3B, 16 for gpt-oss-120b), and a matrix product over n rows reaches
 *        {@code n / (n + h)} of the dense rate (tiles only partly filled, the gather of each expert's rows and the
 *        scatter of its results); this is h, in tokens. Per backend because each has its own {@code MUL_MAT_ID}
 *        kernels (CUDA's MMQ with expert ids, Metal's {@code kernel_mul_mm_id} of PRs #13388 / #15541, Vulkan's
 *        {@code mul_mat_id} shaders); ROCm compiles CUDA's and takes its value, SYCL takes Vulkan's. Fitted on the
 *        current-build GPU MoE rows, leave-one-device-out in the report. CPUs run every expert's share at the same
 *        per-thread rate, so it does not apply to CPU places
 */
public record CalibrationConstants(
        Map<Backend, Double> bandwidthEfficiency,
        double appleUltraEfficiency,
        Map<Backend, Double> layerOverheadMicros,
        double cpuLayerOverheadMicros,
        double cpuThreadGbps,
        double lowBitFactor,
        double oldBuildOverheadFactor,
        double firstGenBandwidthFactor,
        double splitBoundaryMicros,
        double splitLinkGbps,
        Map<Backend, Double> prefillEfficiency,
        double vulkanIntegratedPrefillEfficiency,
        double cpuThreadGflops,
        double fallbackFlopsPerByte,
        Map<Backend, Double> moePrefillHalfTokens) {

    public CalibrationConstants {
        bandwidthEfficiency = Map.copyOf(bandwidthEfficiency);
        layerOverheadMicros = Map.copyOf(layerOverheadMicros);
        prefillEfficiency = Map.copyOf(prefillEfficiency);
        moePrefillHalfTokens = Map.copyOf(moePrefillHalfTokens);
    }

    /**
     * The constants fitted by {@code CalibrationReportTest}, rounded: the decode ones (efficiencies, per-layer
     * overheads, CPU terms, low-bit, older-build and first-generation factors) on the 125 dense decode rows of
     * {@code llamacpp-bench.tsv} and {@code llamacpp-scoreboard-half.tsv} (rows of builds older than the
     * backend's last decode rework — see {@code CalibrationData.oldBuild} — weigh 0.5, the rest 1); the
     * prefill ones on their pp512/pp2048 rows (dense rows for the efficiencies — Vulkan on GPUs sharing system memory
     * on their own —, CPU rate and FLOP-per-byte fallback; each backend's current-build GPU MoE rows for its MoE
     * half-rate tokens). The multi-GPU split latency and link bandwidth are priors (see their parameters). SYCL has no calibration rows:
     * it takes Vulkan's values, an assumption the estimate states in its notes. See {@code docs/accuracy-report.md}.
     */
    public static final CalibrationConstants FITTED = new CalibrationConstants(
            efficiencies(0.906, 0.751, 0.794, 0.895, 0.794, 0.85),
            0.777,
            efficiencies(68.0, 93.6, 22.7, 92.5, 22.7, 0),
            6.74, 10.96, 0.358, 1.79, 0.66, 16.5, 20,
            efficiencies(0.333, 0.346, 0.390, 0.678, 0.390, 1.0), 0.107,
            46.7, 37.1, efficiencies(29.3, 29.3, 31.1, 0.9, 31.1, 0));

    /** Efficiency of {@code backend}, SYCL falling back to Vulkan's. */
    public double efficiency(Backend backend) {
        Double e = bandwidthEfficiency.get(backend);
        return e != null ? e : bandwidthEfficiency.getOrDefault(Backend.VULKAN, 0.6);
    }

    /** Efficiency of a place: its backend's, or {@link #appleUltraEfficiency} on an Apple Ultra chip. */
    public double efficiency(Backend backend, DeviceClass deviceClass) {
        return deviceClass == DeviceClass.APPLE_ULTRA ? appleUltraEfficiency : efficiency(backend);
    }

    /** Prefill efficiency of {@code backend}, SYCL falling back to Vulkan's. */
    public double prefillEfficiency(Backend backend) {
        Double e = prefillEfficiency.get(backend);
        return e != null ? e : prefillEfficiency.getOrDefault(Backend.VULKAN, 0.2);
    }

    /** Prefill efficiency of a place: its backend's, or {@link #vulkanIntegratedPrefillEfficiency} for Vulkan/SYCL on a GPU sharing system memory. */
    public double prefillEfficiency(Backend backend, DeviceClass deviceClass) {
        boolean vulkanLike = backend == Backend.VULKAN || backend == Backend.SYCL;
        return vulkanLike && deviceClass == DeviceClass.UNIFIED ? vulkanIntegratedPrefillEfficiency : prefillEfficiency(backend);
    }

    /** MoE prefill half-rate tokens h of {@code backend} (ROCm: CUDA's, SYCL: Vulkan's when not given). */
    public double moePrefillHalfTokens(Backend backend) {
        Double h = moePrefillHalfTokens.get(backend);
        if (h != null) {
            return h;
        }
        Backend like = backend == Backend.ROCM ? Backend.CUDA : Backend.VULKAN;
        return moePrefillHalfTokens.getOrDefault(like, 17.5);
    }

    /**
     * CPU threads worth using: enough to saturate memory ({@code η_cpu × bandwidth / cpuThreadGbps}, rounded
     * up), never more than {@code available} — past saturation a thread adds only synchronisation cost.
     */
    public int usefulCpuThreads(int available, double memoryBandwidthGbps) {
        int saturating = (int) Math.ceil(efficiency(Backend.CPU) * memoryBandwidthGbps / cpuThreadGbps);
        return Math.max(1, Math.min(available, saturating));
    }

    /** Per-layer overhead in seconds on a current build (per layer and thread on CPU); SYCL takes Vulkan's. */
    public double layerOverheadSeconds(Backend backend) {
        if (backend == Backend.CPU) {
            return cpuLayerOverheadMicros * 1e-6;
        }
        Double o = layerOverheadMicros.get(backend);
        return (o != null ? o : layerOverheadMicros.getOrDefault(Backend.VULKAN, 100.0)) * 1e-6;
    }

    /** A map of per-backend values in the order CUDA, ROCm, Vulkan, Metal, SYCL, CPU. */
    public static Map<Backend, Double> efficiencies(double cuda, double rocm, double vulkan, double metal, double sycl,
                                                    double cpu) {
        Map<Backend, Double> m = new EnumMap<>(Backend.class);
        m.put(Backend.CUDA, cuda);
        m.put(Backend.ROCM, rocm);
        m.put(Backend.VULKAN, vulkan);
        m.put(Backend.METAL, metal);
        m.put(Backend.SYCL, sycl);
        m.put(Backend.CPU, cpu);
        return m;
    }
}
