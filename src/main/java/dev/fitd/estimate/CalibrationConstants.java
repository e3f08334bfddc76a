package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import java.util.EnumMap;
import java.util.Map;

/**
 * The fitted constants of the decode and prefill rooflines ({@link Throughput}). A handful per backend,
 * each with a physical meaning, no per-device or per-row terms:
 *
 * @param bandwidthEfficiency per backend: the fraction of a device's nominal memory bandwidth that
 *        weight reads reach in batch-1 mat-vec kernels
 * @param gpuLayerOverheadMicros fixed cost per layer and token on a GPU (kernel launches and
 *        synchronisation, the reason small models on fast GPUs reach a small share of peak bandwidth), µs
 * @param cpuLayerOverheadMicros the same on CPU (thread barriers between the ops of a layer), µs
 * @param cpuThreadGbps weight bytes one CPU thread streams through the dot-product kernels per second,
 *        GB/s — caps CPU bandwidth at {@code threads × cpuThreadGbps} when there are too few threads to
 *        saturate memory
 * @param lowBitFactor share of the device's effective bandwidth reached by the dequantization-bound
 *        sub-4-bit k- and i-quants ({@link GgmlType#isLowBit()}) on CUDA and ROCm ({@link Throughput#dequantBound})
 * @param prefillEfficiency per backend: fraction of the device's dense FP16 matrix throughput prompt
 *        processing reaches
 * @param cpuThreadGflops prompt-processing throughput of one CPU thread, GFLOP/s
 * @param fallbackFlopsPerByte when a GPU's FP16 throughput is unknown, assume this many FLOP/s per byte/s
 *        of bandwidth (fitted on the rows of devices without an FP16 figure: Tesla P40, Apple M5)
 * @param moePrefillFactor share of the dense prefill rate a mixture-of-experts model reaches per active
 *        parameter (each expert sees only its share of the batch, so its matrix products are small)
 */
public record CalibrationConstants(
        Map<Backend, Double> bandwidthEfficiency,
        double gpuLayerOverheadMicros,
        double cpuLayerOverheadMicros,
        double cpuThreadGbps,
        double lowBitFactor,
        Map<Backend, Double> prefillEfficiency,
        double cpuThreadGflops,
        double fallbackFlopsPerByte,
        double moePrefillFactor) {

    public CalibrationConstants {
        bandwidthEfficiency = Map.copyOf(bandwidthEfficiency);
        prefillEfficiency = Map.copyOf(prefillEfficiency);
    }

    /**
     * The constants fitted by {@code CalibrationReportTest} on
     * {@code src/test/resources/calibration/llamacpp-bench.tsv} (decode: dense tg/pp1 rows; prefill: pp512/pp2048
     * rows), rounded. SYCL has no calibration rows: it takes Vulkan's values, an assumption the estimate
     * states in its notes. See {@code docs/accuracy-report.md}.
     */
    public static final CalibrationConstants FITTED = new CalibrationConstants(
            efficiencies(0.827, 0.71, 0.697, 0.671, 0.697, 0.79),
            102, 6.2, 11.8, 0.376,
            efficiencies(0.326, 0.406, 0.230, 0.702, 0.230, 1.0),
            44.4, 91, 0.18);

    /** Efficiency of {@code backend}, SYCL falling back to Vulkan's. */
    public double efficiency(Backend backend) {
        Double e = bandwidthEfficiency.get(backend);
        return e != null ? e : bandwidthEfficiency.getOrDefault(Backend.VULKAN, 0.6);
    }

    /** Prefill efficiency of {@code backend}, SYCL falling back to Vulkan's. */
    public double prefillEfficiency(Backend backend) {
        Double e = prefillEfficiency.get(backend);
        return e != null ? e : prefillEfficiency.getOrDefault(Backend.VULKAN, 0.2);
    }

    /**
     * CPU threads worth using: enough to saturate memory ({@code η_cpu × bandwidth / cpuThreadGbps}, rounded
     * up), never more than {@code available} — past saturation a thread adds only synchronisation cost.
     */
    public int usefulCpuThreads(int available, double memoryBandwidthGbps) {
        int saturating = (int) Math.ceil(efficiency(Backend.CPU) * memoryBandwidthGbps / cpuThreadGbps);
        return Math.max(1, Math.min(available, saturating));
    }

    /** Per-layer overhead in seconds for a device of {@code backend} (per layer and thread on CPU). */
    public double layerOverheadSeconds(Backend backend) {
        return (backend == Backend.CPU ? cpuLayerOverheadMicros : gpuLayerOverheadMicros) * 1e-6;
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
