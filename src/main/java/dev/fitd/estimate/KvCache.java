package dev.fitd.estimate;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.LayerKind;

/**
 * The KV cache (and recurrent state) of one model, exactly as llama.cpp allocates it, per layer.
 *
 * <ul>
 * <li><b>Cells.</b> {@code llama-context.cpp} pads the context to a multiple of 256 cells. Each parallel
 *     slot is its own stream ({@code --parallel N} without {@code --kv-unified}), so slots multiply cells.</li>
 * <li><b>Full-attention layer</b>: K and V tensors of {@code n_head_kv × head_dim_k} and
 *     {@code n_head_kv × head_dim_v} elements per cell ({@code llama-kv-cache.cpp}).</li>
 * <li><b>Sliding-window layer</b> (iSWA cache, {@code llama-kv-cache-iswa.cpp}): its own cache of
 *     {@code GGML_PAD(min(cells, n_swa + n_ubatch), 256)} cells per stream — window plus one micro-batch,
 *     padded — whatever the context.</li>
 * <li><b>MLA</b> (DeepSeek V2/V3, Kimi K2): one latent of {@code kv_lora_rank + qk_rope_head_dim}
 *     elements per cell and layer, no separate V.</li>
 * <li><b>Linear / recurrent layers</b> ({@code llama-memory-recurrent.cpp}): a fixed f32 state per slot,
 *     whatever the context and the cache type: Mamba2 conv state {@code (d_conv-1) × (d_inner + 2·n_group·d_state)}
 *     + SSM state {@code d_state × d_inner}; Gated DeltaNet conv state {@code (d_conv-1) × (2·k_heads·k_dim + v_heads·v_dim)}
 *     + state {@code v_heads × k_dim × v_dim}.</li>
 * </ul>
 * All results in bytes.
 */
public final class KvCache {
    /** llama.cpp pads the context (and the SWA cache) to a multiple of this many cells. */
    public static final int CELL_PADDING = 256;

    private final Architecture arch;
    private final KvCacheType type;
    private final int ubatch;
    private final double fullCellBytes;
    private final double recurrentStateBytes;
    /** {@code arch.layerKind(i)} of every layer, looked up once. */
    private final LayerKind[] kinds;

    public KvCache(Architecture arch, KvCacheType type, int ubatch) {
        this.arch = arch;
        this.type = type;
        this.ubatch = ubatch;
        Architecture.Mla mla = arch.mla();
        double elements = mla != null
                ? mla.kvLoraRank() + mla.qkRopeHeadDim()
                : (double) arch.kvHeads() * (arch.headDim() + arch.valueHeadDim());
        this.fullCellBytes = elements * type.bytesPerElement();
        this.recurrentStateBytes = recurrentState(arch.linear());
        this.kinds = new LayerKind[arch.layers()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = arch.layerKind(i);
        }
    }

    /** Bytes of one cell (one token) in one attention layer. */
    public double cellBytes() { return fullCellBytes; }

    /** Fixed recurrent-state bytes of one linear / parallel layer and one slot (f32). */
    public double recurrentStateBytes() { return recurrentStateBytes; }

    /** Context rounded up to whole 256-cell pages, as llama.cpp sizes the cache. */
    public static long paddedCells(long context) {
        return (context + CELL_PADDING - 1) / CELL_PADDING * CELL_PADDING;
    }

    /** Cells one stream of a sliding-window layer holds at {@code context}. */
    public long slidingCells(long context) {
        long full = paddedCells(context);
        Integer w = arch.slidingWindow();
        if (w == null) {
            return full;
        }
        return paddedCells(Math.min(full, (long) w + ubatch));
    }

    /** Cache bytes of layer {@code i} at {@code context} tokens per slot and {@code slots} slots. */
    public long layerBytes(int i, long context, int slots) {
        return kindBytes(kinds[i], paddedCells(context), slidingCells(context), slots);
    }

    private static final LayerKind[] LAYER_KINDS = LayerKind.values();

    /**
     * {@link #layerBytes(int, long, int)} of every layer at once: the cell counts are worked out once and
     * each layer takes its kind's value (what placement needs for every context it tries).
     */
    public long[] layerBytes(long context, int slots) {
        long full = paddedCells(context);
        long sliding = slidingCells(context);
        long[] byKind = new long[LAYER_KINDS.length];
        for (LayerKind k : LAYER_KINDS) {
            byKind[k.ordinal()] = kindBytes(k, full, sliding, slots);
        }
        long[] out = new long[kinds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = byKind[kinds[i].ordinal()];
        }
        return out;
    }

    private long kindBytes(LayerKind kind, long fullCells, long slidingCells, int slots) {
        double b = 0;
        if (kind.hasAttention()) {
            b += (kind == LayerKind.SLIDING ? slidingCells : fullCells) * fullCellBytes;
        }
        if (kind.hasRecurrentState()) {
            b += recurrentStateBytes;
        }
        return (long) (b * slots);
    }

    /** Cache bytes of all layers. */
    public long totalBytes(long context, int slots) {
        long t = 0;
        for (int i = 0; i < arch.layers(); i++) {
            t += layerBytes(i, context, slots);
        }
        return t;
    }

    /** Bytes of layer {@code i} one decoded token reads with {@code depth} tokens already in its slot. */
    public double layerReadBytes(int i, long depth) {
        LayerKind kind = kinds[i];
        double b = 0;
        if (kind.hasAttention()) {
            Integer w = arch.slidingWindow();
            long cells = kind == LayerKind.SLIDING && w != null ? Math.min(depth, w) : depth;
            b += cells * fullCellBytes;
        }
        if (kind.hasRecurrentState()) {
            b += recurrentStateBytes;
        }
        return b;
    }

    /** How many bytes the cache grows by per token of context once sliding windows are full (full-attention layers). */
    public long bytesPerContextToken(int slots) {
        int full = 0;
        for (int i = 0; i < arch.layers(); i++) {
            LayerKind k = arch.layerKind(i);
            if (k == LayerKind.FULL || k == LayerKind.PARALLEL || (k == LayerKind.SLIDING && arch.slidingWindow() == null)) {
                full++;
            }
        }
        return (long) (full * fullCellBytes * slots);
    }

    public KvCacheType type() { return type; }

    private static double recurrentState(Architecture.LinearMixer lin) {
        if (lin == null) {
            return 0;
        }
        double f32 = 4;
        int conv = Math.max(0, lin.convKernel() - 1);
        if ("mamba2".equals(lin.kind())) {
            double inner = nz(lin.innerSize());
            double groupsState = 2.0 * nz(lin.groups()) * nz(lin.stateSize());
            return f32 * (conv * (inner + groupsState) + nz(lin.stateSize()) * inner);
        }
        double k = (double) nz(lin.keyHeads()) * nz(lin.keyHeadDim());
        double v = (double) nz(lin.heads()) * nz(lin.valueHeadDim());
        return f32 * (conv * (2 * k + v) + (double) nz(lin.heads()) * nz(lin.keyHeadDim()) * nz(lin.valueHeadDim()));
    }

    private static int nz(Integer v) { return v == null ? 0 : v; }
}
