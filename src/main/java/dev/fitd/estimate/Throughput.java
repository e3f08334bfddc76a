package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import java.util.List;

/**
 * Batch-1 decode and prompt-processing speed from where the weights live.
 *
 * <p><b>Decode</b> (tokens/s = 1 / time per token). Every weight a token uses is read once per token,
 * so for each place p that holds weights:
 * <pre>
 *   t = Σ_p bytes_p / B_p  +  Σ_p overhead_p  +  (GPUs in a layer split − 1) × (s + n_embd × 4 / link)
 *   B_p = η_backend × nominal bandwidth_p             (GPU; η_ultra on Apple Ultra chips)
 *   B_p = min(η_cpu × memory bandwidth, threads × c)   (CPU)
 *   B_p × f for sub-4-bit k/i-quants on CUDA / ROCm; × g on a GPU on first-generation (mid-2023) mat-vec builds
 *   overhead_p = layers_p × o_backend × (a without CUDA graphs — old builds, Pascal and older cards — and
 *                on a multi-GPU split; else 1)                                                    (GPU)
 *   overhead_p = layers_p × o_cpu × threads                                                       (CPU)
 * </pre>
 * bytes_p counts the layers on p (routed experts only for the experts a token uses), the output head if
 * p holds it, and the KV cache those layers read at the working depth; the input embedding is one row
 * per token and is left out. η, o, a, g, s, link, c and f are {@link CalibrationConstants}. Units: bytes, bytes/s, s.
 *
 * <p><b>Prefill</b> (tokens/s): compute-bound, {@code 2 × active parameters} FLOP per token against
 * {@code η_prefill × FP16 TFLOPS} on GPUs (η_prefill per backend, Vulkan's apart on GPUs sharing system memory;
 * × {@code n / (n + h_backend)} for mixture-of-experts models, n tokens per expert per micro-batch, and never faster
 * than reading every expert once per micro-batch; see {@link #prefillSecondsPerToken} and
 * {@link CalibrationConstants#moePrefillHalfTokens()}) and
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
     * @param expertBytesPerToken the routed-expert weight bytes of {@code bytesPerToken} (the active experts of the
     *        layers there; 0 for a dense model): prompt processing reads every expert once per micro-batch, so
     *        {@code expertBytesPerToken / n} per prompt token (see {@link #prefillSecondsPerToken})
     * @param hiddenBytes bytes of the hidden state one token hands to the next device of a layer split
     *        ({@code n_embd × 4}, F32; 0 when not split)
     * @param cudaGraphs whether today's llama.cpp decodes a token here as one CUDA graph ({@link #cudaGraphs(Backend,
     *        String)}); the estimator passes what its device pool worked out once per machine
     */
    public record Place(String name, Backend backend, DeviceClass deviceClass, double bandwidthGbps,
                        double bytesPerToken, int layers, int threads, double flopsPerToken, Double tflops,
                        boolean split, double expertBytesPerToken, double hiddenBytes, boolean cudaGraphs) {

        /** A place whose CUDA-graph use follows from its backend and name. */
        public Place(String name, Backend backend, DeviceClass deviceClass, double bandwidthGbps, double bytesPerToken,
                     int layers, int threads, double flopsPerToken, Double tflops, boolean split,
                     double expertBytesPerToken, double hiddenBytes) {
            this(name, backend, deviceClass, bandwidthGbps, bytesPerToken, layers, threads, flopsPerToken, tflops, split,
                    expertBytesPerToken, hiddenBytes, Throughput.cudaGraphs(backend, name));
        }

        /** A place of a dense model, or one where prefill's expert reads and split copies do not matter. */
        public Place(String name, Backend backend, DeviceClass deviceClass, double bandwidthGbps, double bytesPerToken,
                     int layers, int threads, double flopsPerToken, Double tflops, boolean split) {
            this(name, backend, deviceClass, bandwidthGbps, bytesPerToken, layers, threads, flopsPerToken, tflops, split,
                    0, 0);
        }
    }

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
        boolean graphless = oldBuild || p.split() || !p.cudaGraphs();
        return p.layers() * perLayer * (graphless ? c.oldBuildOverheadFactor() : 1);
    }

    private static final java.util.regex.Pattern PASCAL_OR_OLDER = java.util.regex.Pattern.compile(
            ".*\\b(tesla [kmp]\\d+|[kmp]40|p100|p4|p6|gtx? 10\\d0|gtx 9\\d0|gtx 7\\d0|titan xp?|titan black|"
                    + "quadro [pmk]\\d+|p10[246]-\\d+)\\b.*");

    /**
     * Whether an NVIDIA card named {@code device} is Pascal or older (compute capability below 7.0): GTX 10xx / 9xx /
     * 7xx, GT 10xx, Titan X / Xp, Tesla K/M/P (P4, P40, P100, ...), Quadro P/M/K and the P10x mining boards. The name is
     * all fitd has: neither the probe nor the device table records the compute capability.
     */
    public static boolean pascalOrOlder(String device) {
        return device != null && PASCAL_OR_OLDER.matcher(device.toLowerCase(java.util.Locale.ROOT)).matches();
    }

    /**
     * Whether today's llama.cpp runs a batch-1 decode step on this place as one CUDA graph (one launch per token
     * instead of one per op). Only CUDA places can; ggml's {@code ggml_cuda_graph_set_enabled} leaves graphs off below
     * {@code GGML_CUDA_CC_VOLTA} (Ampere until PR #25749, merged July 2026, extended them to Volta and Turing; PR
     * #27721, which would lower the gate to Pascal's sm_61, is open). So a Pascal or older card still pays the
     * graph-less per-layer overhead, {@code oldBuildOverheadFactor} × the CUDA one — the same factor the calibration
     * fit gives the Tesla P40 rows.
     */
    public static boolean cudaGraphs(Backend backend, String device) {
        return backend != Backend.CUDA || !pascalOrOlder(device);
    }

    /** {@link #cudaGraphs(Backend, String)} of a place, as worked out when it was built. */
    public static boolean cudaGraphs(Place p) {
        return p.cudaGraphs();
    }

    /** Fixed per-token part of {@link #decodeSecondsPerToken} on a current build, seconds. */
    public static double overheadSeconds(List<Place> places, CalibrationConstants c) {
        return overheadSeconds(places, c, false);
    }

    static double overheadSeconds(List<Place> places, CalibrationConstants c, boolean oldBuild) {
        double t = 0;
        int splitGpus = 0;
        double hidden = 0;
        for (Place p : places) {
            t += overheadSeconds(p, c, oldBuild);
            splitGpus += p.split() ? 1 : 0;
            hidden = Math.max(hidden, p.split() ? p.hiddenBytes() : 0);
        }
        return t + Math.max(0, splitGpus - 1) * splitBoundarySeconds(hidden, c);
    }

    /**
     * Per-token cost of one boundary of a multi-GPU layer split: the device that ends its layers hands the hidden
     * state ({@code hiddenBytes}, {@code n_embd × 4} bytes of F32) to the next one and the next one waits for it —
     * {@code splitBoundaryMicros} of copy-and-synchronise latency plus the bytes over the link at
     * {@code splitLinkGbps}. Seconds.
     */
    public static double splitBoundarySeconds(double hiddenBytes, CalibrationConstants c) {
        return c.splitBoundaryMicros() * 1e-6 + hiddenBytes / (c.splitLinkGbps() * 1e9);
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
        double h = c.moePrefillHalfTokens(p.backend());
        double moe = tokensPerExpert > 0 ? tokensPerExpert / (tokensPerExpert + h) : 1;
        return tflops * 1e12 * c.prefillEfficiency(p.backend(), p.deviceClass()) * moe;
    }

    /**
     * Seconds one prompt token spends on a place on a current build: its FLOP at {@link #flopsPerSecond}, and for a
     * mixture-of-experts model at least the time to read the routed experts' weights. Each expert multiplies only the
     * n tokens routed to it in a micro-batch, so all experts' weights are read once per micro-batch —
     * {@code expertBytesPerToken / n} per prompt token at the place's effective bandwidth — and with n = 16–64 rows an
     * expert's product does only {@code 2n / bytes-per-weight} ≈ 60–250 FLOP per byte read, about the FLOP/byte of
     * today's GPUs, so on a device with much compute and little bandwidth the read bounds it. The two overlap (a
     * roofline: the larger wins); on the calibration rows the compute term, × (1 + h / n), is the larger (gpt-oss-120b
     * on a DGX Spark comes closest: 0.48 ms of reads against 0.70 ms of compute per token). A dense layer's product
     * over 512 rows does ~2000 FLOP per byte, so its read always hides behind the compute and is left out.
     */
    public static double prefillSecondsPerToken(Place p, double tokensPerExpert, CalibrationConstants c) {
        return prefillSecondsPerToken(p, tokensPerExpert, c, false);
    }

    /**
     * As {@link #prefillSecondsPerToken(Place, double, CalibrationConstants)}; {@code perTokenExperts} for a Metal build
     * before llama.cpp PR #4725 (merged at the start of January 2024; calibration rows only), whose
     * {@code MUL_MAT_ID} multiplied each prompt token's expert rows on their own (the batched path of PR #4406 was
     * "efficient for BS=1, but not so much for BS>1"): every prompt token then reads its active experts' weights like
     * a decode step, {@code expertBytesPerToken} at the effective bandwidth, and only the rest of its FLOP are batched.
     */
    public static double prefillSecondsPerToken(Place p, double tokensPerExpert, CalibrationConstants c,
                                                boolean perTokenExperts) {
        boolean moe = tokensPerExpert > 0 && p.expertBytesPerToken() > 0 && p.backend() != Backend.CPU;
        if (moe && perTokenExperts) {
            double expertShare = Math.min(1, p.expertBytesPerToken() / Math.max(1, p.bytesPerToken()));
            return p.flopsPerToken() * (1 - expertShare) / flopsPerSecond(p, 0, c)
                    + p.expertBytesPerToken() / effectiveBandwidth(p, false, c);
        }
        double compute = p.flopsPerToken() > 0 ? p.flopsPerToken() / flopsPerSecond(p, tokensPerExpert, c) : 0;
        return moe ? Math.max(compute, p.expertBytesPerToken() / tokensPerExpert / effectiveBandwidth(p, false, c))
                : compute;
    }

    /** Prompt tokens per second by the compute roofline alone (no decode floor). */
    public static double computePrefillTokensPerSecond(List<Place> places, double tokensPerExpert,
                                                       CalibrationConstants c) {
        return computePrefillTokensPerSecond(places, tokensPerExpert, c, false);
    }

    /** As above; {@code perTokenExperts}: see {@link #prefillSecondsPerToken(Place, double, CalibrationConstants, boolean)}. */
    public static double computePrefillTokensPerSecond(List<Place> places, double tokensPerExpert,
                                                       CalibrationConstants c, boolean perTokenExperts) {
        double t = 0;
        for (Place p : places) {
            t += prefillSecondsPerToken(p, tokensPerExpert, c, perTokenExperts);
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
        return prefillTokensPerSecond(places, tokensPerExpert, lowBit, c, false);
    }

    /** As above, for a build whose MoE prefill multiplied experts token by token ({@code perTokenExperts}; calibration rows). */
    public static double prefillTokensPerSecond(List<Place> places, double tokensPerExpert, boolean lowBit,
                                                CalibrationConstants c, boolean perTokenExperts) {
        double compute = computePrefillTokensPerSecond(places, tokensPerExpert, c, perTokenExperts);
        return places.isEmpty() ? compute : Math.max(compute, 1 / decodeSecondsPerToken(places, lowBit, c));
    }
}
