package dev.fitd.estimate;

import dev.fitd.hardware.Backend;

/**
 * Memory a runtime needs besides weights and KV cache, in bytes.
 *
 * <p><b>Runtime context per device</b> ({@link #runtimeContextBytes}): what a device loses to the
 * backend itself before any tensor is allocated — CUDA context plus cuBLAS workspace, HIP context, Vulkan
 * driver allocations. These are assumptions from what {@code nvidia-smi} / {@code rocm-smi} show for an
 * idle {@code llama-server} process (roughly 250–350 MiB on CUDA 12 with lazy loading, more on ROCm),
 * rounded up: CUDA 300 MiB, ROCm and SYCL 400 MiB, Vulkan 200 MiB. Metal and CPU allocate nothing
 * up front (Metal's limit is the working set, which only buffers count against).
 *
 * <p><b>Compute buffer</b> ({@link #computeBufferBytes}): llama.cpp reserves a worst-case graph
 * ({@code ggml_backend_sched_reserve}) at load and logs it as {@code <dev> compute buffer size}. With
 * flash attention (the default, {@code -fa auto}) it is, per device:
 * <ul>
 * <li>a flat part: the f32 logits of one micro-batch, {@code n_vocab × n_ubatch × 4}, on the device that
 *     holds the output head, plus f32 activation scratch {@code 4 × n_embd × n_ubatch × 4} (and the FFN
 *     activation {@code n_ff × n_ubatch × 4} on the other devices);</li>
 * <li>a part linear in context: the f16 KQ mask, {@code n_ubatch × 2} bytes per cell; with a quantized KV
 *     cache, dequantization scratch of {@code 2.25 × n_embd} bytes per cell (1.25× for MLA).</li>
 * </ul>
 * Check: Llama-3-8B at 8192 cells gives 250.5 + 32 + 8 = 290.5 MiB; llama.cpp logs
 * {@code CUDA0 compute buffer size = 258.50 MiB} for it (FA on) — the estimate is about 10 % high,
 * on the safe side. The formula follows the measurements summarised from Unsloth Studio's
 * estimator ({@code _estimate_compute_buffer_bytes}, {@code _compute_buffer_ctx_bytes}), which also
 * matched a Qwen3.5-9B Metal log (501 MiB at 8k–65k) within 5 %.
 *
 * <p><b>Host buffers</b>: the pinned host copy of inputs ({@code CUDA_Host compute buffer}, about
 * {@code 2 × n_embd × n_ubatch × 4}) and the logits output buffer ({@code n_vocab × 4} per slot).
 *
 * <p><b>Vision</b>: an encoder needs runtime buffers of about 0.4× its projector weights (Unsloth's
 * measured {@code _MMPROJ_VRAM_SAFETY = 1.4}).
 */
public final class Overheads {
    static final long MIB = 1L << 20;

    private Overheads() { }

    /** Memory the backend itself takes on each device it uses; see the class comment. */
    public static long runtimeContextBytes(Backend backend) {
        return switch (backend) {
            case CUDA -> 300 * MIB;
            case ROCM, SYCL -> 400 * MIB;
            case VULKAN -> 200 * MIB;
            case METAL, CPU -> 0;
        };
    }

    /**
     * Compute buffer of one device.
     *
     * @param holdsOutput the device computes the output head (gets the logits term)
     * @param cells KV cells per slot at the estimate's context
     */
    public static long computeBufferBytes(TensorShape s, boolean holdsOutput, long cells, int ubatch, KvCacheType kv) {
        double flat = 4.0 * ubatch * (4.0 * s.hidden() + (holdsOutput ? s.vocab() : s.ffnActive()));
        double perCell = ubatch * 2.0;
        if (kv.isQuantized()) {
            perCell += (s.mla() ? 1.25 : 2.25) * s.hidden();
        }
        return (long) (flat + perCell * cells);
    }

    /** Host-side buffers of a GPU run: pinned input copies and the logits output buffer. */
    public static long hostBufferBytes(TensorShape s, int ubatch, int slots) {
        return (long) (2.0 * s.hidden() * ubatch * 4 + 4.0 * s.vocab() * slots);
    }

    /** Encoder runtime buffers of a vision projector of {@code visionBytes}. */
    public static long visionRuntimeBytes(long visionBytes) {
        return (long) (0.4 * visionBytes);
    }

    /** The model dimensions the buffers depend on. */
    public record TensorShape(long hidden, long vocab, long ffnActive, boolean mla) { }
}
