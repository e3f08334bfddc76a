package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import java.util.List;

/**
 * Batch-1 decode and prompt-processing speed from where the weights live.
 *
 * <p><b>Decode</b> (tokens/s = 1 / time per token). Every weight a token uses is read once per token,
 * so for each place p that holds weights:
 * <pre>
 *   t = Σ_p bytes_p / B_p  +  Σ_p overhead_p  +  (GPUs in a layer split − 1) × s
 *   B_p = η_backend × nominal bandwidth_p             (GPU; η_ultra on Apple Ultra chips)
 *   B_p = min(η_cpu × memory bandwidth, threads × c)   (CPU)
 *   B_p × f for sub-4-bit k/i-quants on CUDA / ROCm; × g on a GPU on first-generation (mid-2023) mat-vec builds
 *   overhead_p = layers_p × o_backend × (a on pre-2024 builds and on a multi-GPU split; else 1)   (GPU)
 *   overhead_p = layers_p × o_cpu × threads                                                       (CPU)
 * </pre>
 * bytes_p counts the layers on p (routed experts only for the experts a token uses), the output head if
 * p holds it, and the KV cache those layers read at the working depth; the input embedding is one row
 * per token and is left out. η, o, a, g, s, c and f are {@link CalibrationConstants}. Units: bytes, bytes/s, s.
 *
 * <p><b>Prefill</b> (tokens/s): compute-bound, {@code 2 × active parameters} FLOP per token against
 * {@code η_prefill × FP16 TFLOPS} on GPUs (× {@code n / (n + h)} for mixture-of-experts models, n tokens per
 * expert per micro-batch; see {@link CalibrationConstants#moePrefillHalfTokens()}) and
 * {@code threads × GFLOPS per thread} on CPUs, summed over places like decode — and never below the decode
 * speed of the same placement: a prompt can always be fed one token at a time.
 */
public final class Throughput {
    private Throughput() { }

    /**
     * One place that reads weights for every token.
     *
     * @param deviceClass the kind of device (Apple Ultra chips have their own efficiency)
     * @param bytesPerToken weight + KV bytes read there per token
     * @param layers layers whose ops run there (for the per-layer overhead)
     * @param threads CPU threads (CPU places only; 0 otherwise)
     * @param flopsPerToken FLOP of prompt processing per token done there
     * @param tflops FP16 matrix TFLOPS of a GPU, null when unknown
     * @param split a GPU that holds part of a multi-GPU layer split
     */
    public record Place(String name, Backend backend, DeviceClass deviceClass, double bandwidthGbps,
                        double bytesPerToken, int layers, int threads, double flopsPerToken, Double tflops,
                        boolean split) { }

    /** Effective read bandwidth of a place in bytes/s. */
    public static double effectiveBandwidth(Place p, boolean lowBit, CalibrationConstants c) {
        double bw = c.efficiency(p.backend(), p.deviceClass()) * p.bandwidthGbps() * 1e9;
        if (p.backend() == Backend.CPU && p.threads() > 0) {
            bw = Math.min(bw, p.threads() * c.cpuThreadGbps() * 1e9);
        }
        return lowBit && dequantBound(p.backend()) ? bw * c.lowBitFactor() : bw;
    }

    /**
     * Backends whose sub-4-bit mat-vec kernels are dequantization-bound: CUDA (fitted on the Q2_K / Q3_K_S rows
     * of an RTX 3090 and a Tesla P40) and ROCm, which compiles the same kernels through HIP (an assumption:
     * no ROCm low-bit rows). Metal is not: its Mixtral Q2_K / Q3_K_M rows run at the same share of bandwidth
     * as Q4_K_M (see the MoE table of the accuracy report).
     */
    static boolean dequantBound(Backend b) {
        return b == Backend.CUDA || b == Backend.ROCM;
    }

    /** Seconds per decoded token on a current llama.cpp build. */
    public static double decodeSecondsPerToken(List<Place> places, boolean lowBit, CalibrationConstants c) {
        return decodeSecondsPerToken(places, lowBit, c, false, false);
    }

    /**
     * Seconds per decoded token.
     *
     * @param oldBuild a llama.cpp build older than its backend's last decode rework (calibration rows only;
     *        estimates are for current builds): its GPU per-layer overhead is × {@code oldBuildOverheadFactor}
     * @param firstGen a first-generation GPU mat-vec build (Metal before 2023-08, CUDA before 2023-11; calibration
     *        rows only): its GPU bandwidth is × {@code firstGenBandwidthFactor}
     */
    public static double decodeSecondsPerToken(List<Place> places, boolean lowBit, CalibrationConstants c,
                                               boolean oldBuild, boolean firstGen) {
        double t = 0;
        double era = firstGen ? c.firstGenBandwidthFactor() : 1;
        for (Place p : places) {
            if (p.bytesPerToken() > 0) {
                t += p.bytesPerToken() / (effectiveBandwidth(p, lowBit, c) * (p.backend() == Backend.CPU ? 1 : era));
            }
        }
        return t + overheadSeconds(places, c, oldBuild);
    }

    /**
     * Per-token overhead of one place. GPU: layers × per-layer cost of its backend, × the pre-2024 factor on an
     * old build or when the place is part of a multi-GPU layer split (each device's share runs as its own
     * graph, launched and synchronised in turn). CPU: layers × per-layer cost × threads (barrier cost grows
     * with them).
     */
    static double overheadSeconds(Place p, CalibrationConstants c, boolean oldBuild) {
        double perLayer = c.layerOverheadSeconds(p.backend());
        if (p.backend() == Backend.CPU) {
            return p.layers() * perLayer * Math.max(1, p.threads());
        }
        return p.layers() * perLayer * (oldBuild || p.split() ? c.oldBuildOverheadFactor() : 1);
    }

    /** Fixed per-token part of {@link #decodeSecondsPerToken} on a current build, seconds. */
    public static double overheadSeconds(List<Place> places, CalibrationConstants c) {
        return overheadSeconds(places, c, false);
    }

    static double overheadSeconds(List<Place> places, CalibrationConstants c, boolean oldBuild) {
        double t = 0;
        int splitGpus = 0;
        for (Place p : places) {
            t += overheadSeconds(p, c, oldBuild);
            splitGpus += p.split() ? 1 : 0;
        }
        return t + Math.max(0, splitGpus - 1) * c.splitBoundaryMicros() * 1e-6;
    }

    /**
     * Prompt-processing throughput of a place in FLOP/s.
     *
     * @param tokensPerExpert tokens each routed expert multiplies per micro-batch; 0 for a dense model
     */
    public static double flopsPerSecond(Place p, double tokensPerExpert, CalibrationConstants c) {
        if (p.backend() == Backend.CPU) {
            return Math.max(1, p.threads()) * c.cpuThreadGflops() * 1e9;
        }
        double tflops = p.tflops() != null ? p.tflops() : p.bandwidthGbps() * c.fallbackFlopsPerByte() / 1000;
        double moe = tokensPerExpert > 0 ? tokensPerExpert / (tokensPerExpert + c.moePrefillHalfTokens()) : 1;
        return tflops * 1e12 * c.prefillEfficiency(p.backend()) * moe;
    }

    /** Prompt tokens per second by the compute roofline alone (no decode floor). */
    public static double computePrefillTokensPerSecond(List<Place> places, double tokensPerExpert,
                                                       CalibrationConstants c) {
        double t = 0;
        for (Place p : places) {
            if (p.flopsPerToken() > 0) {
                t += p.flopsPerToken() / flopsPerSecond(p, tokensPerExpert, c);
            }
        }
        return t <= 0 ? 0 : 1 / t;
    }

    /** Tokens each routed expert of {@code model} multiplies in a micro-batch of {@code ubatch}; 0 when dense. */
    public static double tokensPerExpert(dev.fitd.catalog.ModelSpec model, int ubatch) {
        if (!model.isMoe() || model.arch().moe().experts() <= 0) {
            return 0;
        }
        return (double) ubatch * model.arch().moe().expertsPerToken() / model.arch().moe().experts();
    }

    /**
     * Prompt tokens per second: the compute roofline, never below the decode speed of the same placement
     * ({@code lowBit} as for decode).
     */
    public static double prefillTokensPerSecond(List<Place> places, double tokensPerExpert, boolean lowBit,
                                                CalibrationConstants c) {
        double compute = computePrefillTokensPerSecond(places, tokensPerExpert, c);
        return places.isEmpty() ? compute : Math.max(compute, 1 / decodeSecondsPerToken(places, lowBit, c));
    }
}
