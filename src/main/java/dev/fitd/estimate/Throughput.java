package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import java.util.List;

/**
 * Batch-1 decode and prompt-processing speed from where the weights live.
 *
 * <p><b>Decode</b> (tokens/s = 1 / time per token). Every weight a token uses is read once per token,
 * so for each place p that holds weights:
 * <pre>
 *   t = Σ_p bytes_p / B_p  +  Σ_p layers_p × o_p
 *   B_p = η_backend × nominal bandwidth_p            (GPU)
 *   B_p = min(η_cpu × memory bandwidth, threads × c)  (CPU)
 *   B_p × f for sub-4-bit k/i-quants on CUDA / ROCm
 * </pre>
 * bytes_p counts the layers on p (routed experts only for the experts a token uses), the output head if
 * p holds it, and the KV cache those layers read at the working depth; the input embedding is one row
 * per token and is left out. η, o, c and f are {@link CalibrationConstants}. Units: bytes, bytes/s, s.
 *
 * <p><b>Prefill</b> (tokens/s): compute-bound, {@code 2 × active parameters} FLOP per token against
 * {@code η_prefill × FP16 TFLOPS} on GPUs and {@code threads × GFLOPS per thread} on CPUs, summed over
 * places like decode.
 */
public final class Throughput {
    private Throughput() { }

    /**
     * One place that reads weights for every token.
     *
     * @param bytesPerToken weight + KV bytes read there per token
     * @param layers layers whose ops run there (for the per-layer overhead)
     * @param threads CPU threads (CPU places only; 0 otherwise)
     * @param flopsPerToken FLOP of prompt processing per token done there
     * @param tflops FP16 matrix TFLOPS of a GPU, null when unknown
     */
    public record Place(String name, Backend backend, double bandwidthGbps, double bytesPerToken, int layers,
                        int threads, double flopsPerToken, Double tflops) { }

    /** Effective read bandwidth of a place in bytes/s. */
    public static double effectiveBandwidth(Place p, boolean lowBit, CalibrationConstants c) {
        double bw = c.efficiency(p.backend()) * p.bandwidthGbps() * 1e9;
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

    /** Seconds per decoded token. */
    public static double decodeSecondsPerToken(List<Place> places, boolean lowBit, CalibrationConstants c) {
        double t = 0;
        for (Place p : places) {
            if (p.bytesPerToken() > 0) {
                t += p.bytesPerToken() / effectiveBandwidth(p, lowBit, c);
            }
            t += overheadSeconds(p, c);
        }
        return t;
    }

    /** Per-token overhead of one place: layers × per-layer cost, on CPU also × threads (barrier cost grows with them). */
    static double overheadSeconds(Place p, CalibrationConstants c) {
        double perLayer = c.layerOverheadSeconds(p.backend());
        return p.layers() * (p.backend() == Backend.CPU ? perLayer * Math.max(1, p.threads()) : perLayer);
    }

    /** Fixed per-token overhead part of {@link #decodeSecondsPerToken}, seconds. */
    public static double overheadSeconds(List<Place> places, CalibrationConstants c) {
        double t = 0;
        for (Place p : places) {
            t += overheadSeconds(p, c);
        }
        return t;
    }

    /** Prompt-processing throughput of a place in FLOP/s. */
    public static double flopsPerSecond(Place p, CalibrationConstants c) {
        if (p.backend() == Backend.CPU) {
            return Math.max(1, p.threads()) * c.cpuThreadGflops() * 1e9;
        }
        double tflops = p.tflops() != null ? p.tflops() : p.bandwidthGbps() * c.fallbackFlopsPerByte() / 1000;
        return tflops * 1e12 * c.prefillEfficiency(p.backend());
    }

    /** Prompt tokens per second; {@code moe} applies {@link CalibrationConstants#moePrefillFactor()}. */
    public static double prefillTokensPerSecond(List<Place> places, boolean moe, CalibrationConstants c) {
        double t = 0;
        for (Place p : places) {
            if (p.flopsPerToken() > 0) {
                t += p.flopsPerToken() / flopsPerSecond(p, c);
            }
        }
        return t <= 0 ? 0 : (moe ? c.moePrefillFactor() : 1) / t;
    }
}
