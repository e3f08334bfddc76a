package dev.fitd.catalog;

import java.util.Objects;

/**
 * Parameter counts computed from an {@link Architecture}: the total, the active count per token for
 * mixture-of-experts models, and the pieces memory and speed estimates are built from.
 *
 * <h2>The formula</h2>
 * All figures are numbers of weights (elements, not bytes). With {@code h} = hidden size, {@code V} =
 * vocabulary size, {@code H} = attention heads, {@code KV} = KV heads, {@code d} = head dim,
 * {@code dv} = value head dim, {@code g} = 2 when {@code attention_output_gate} is set (else 1), and
 * {@code m} = 3 matrices for a gated FFN (SwiGLU/GeGLU) or 2 for a plain GELU MLP:
 * <ul>
 *   <li><b>embeddings</b>: {@code V·h} input table, plus {@code V·h} output head unless the embeddings
 *       are tied or the model is an embedding model (no LM head), plus {@code P·h} learned absolute
 *       position embeddings when {@code position_embeddings = P};</li>
 *   <li><b>attention</b>, per full / sliding / parallel layer: {@code g·h·H·d} (Q, and with an output
 *       gate the gate of the same width, Qwen3-Next) + {@code h·KV·d} (K) + {@code h·KV·dv} (V) +
 *       {@code H·dv·h} (O). With multi-head latent attention (MLA) instead:
 *       Q = {@code h·q_lora + q_lora·H·(nope+rope)} (or {@code h·H·(nope+rope)} without a Q LoRA),
 *       KV = {@code h·(kv_lora+rope) + kv_lora·H·(nope+v)}, O = {@code H·v·h};</li>
 *   <li><b>recurrent mixer</b>, per linear / parallel layer: Mamba2
 *       {@code h·(2·inner + 2·groups·state + heads) + inner·h} (in and out projections); Gated DeltaNet
 *       with {@code kd = key_heads·key_head_dim}, {@code vd = heads·value_head_dim}:
 *       {@code h·(2·kd + 2·vd + 2·heads) + vd·h};</li>
 *   <li><b>FFN</b>, per dense layer: {@code m·h·ffn_size}. Per MoE layer: {@code E·m·h·expert_ffn}
 *       routed experts ({@code E} = all experts for the total, experts per token for the active count),
 *       plus {@code shared·m·h·shared_ffn} shared experts, plus the router {@code h·experts} (always all
 *       experts: every token is scored against each). Layer {@code i} is MoE when
 *       {@code i >= dense_layers} and {@code (i - dense_layers + 1) % layer_step == 0}.</li>
 * </ul>
 * <b>Left out</b>: norms, biases, convolution kernels of recurrent mixers, SSM per-head scalars
 * (A, D, dt bias), MLA's latent norms, BERT token-type embeddings and pooler — together a fraction of a
 * percent of any catalog model, well inside the catalog proof's 3&nbsp;% tolerance — and vision towers,
 * which entries state separately as {@code vision.params}.
 *
 * <p>The active count is what one token touches: the formula with experts per token in place of
 * all experts. {@link #activeAsPublished()} additionally leaves out the input embedding table when the
 * entry says its publisher does ({@code active_params_excludes_input_embedding}, gpt-oss), or the input
 * table and the output head ({@code active_params_excludes_embeddings}, GLM-4.5-Air, Qwen3-Next).
 *
 * <p>Catalog authors check entries with a script implementing this same formula; the two must stay
 * identical so that an entry passing one passes the other ({@code CatalogProofTest} is the authority).
 */
public final class ParameterCount {
    private final Architecture arch;
    private final ModelType type;
    private final boolean activeExcludesInputEmbedding;
    private final boolean activeExcludesEmbeddings;

    private ParameterCount(Architecture arch, ModelType type, boolean activeExcludesInputEmbedding,
                           boolean activeExcludesEmbeddings) {
        this.arch = Objects.requireNonNull(arch, "arch");
        this.type = Objects.requireNonNull(type, "type");
        this.activeExcludesInputEmbedding = activeExcludesInputEmbedding;
        this.activeExcludesEmbeddings = activeExcludesEmbeddings;
    }

    /** Counts for a catalog entry. */
    public static ParameterCount of(ModelSpec model) {
        return new ParameterCount(model.arch(), model.type(), model.activeParamsExcludesInputEmbedding(),
                model.activeParamsExcludesEmbeddings());
    }

    /** Counts for an architecture on its own (a what-if, or a model not in the catalog). */
    public static ParameterCount of(Architecture arch, ModelType type) {
        return new ParameterCount(arch, type, false, false);
    }

    /** All weights of the model (excluding a separately stated vision tower). */
    public long total() {
        return embeddingParams() + sumLayers(false);
    }

    /** Weights one token touches: routed experts counted at experts per token. Equals {@link #total()} for dense models. */
    public long active() {
        return embeddingParams() + sumLayers(true);
    }

    /** {@link #active()} in the publisher's convention, comparable to the catalog's {@code active_params}. */
    public long activeAsPublished() {
        if (activeExcludesEmbeddings) {
            return active() - inputEmbeddingParams() - outputHeadParams();
        }
        return activeExcludesInputEmbedding ? active() - inputEmbeddingParams() : active();
    }

    /** Input token embedding table, {@code vocab_size · hidden_size}. */
    public long inputEmbeddingParams() {
        return arch.vocabSize() * arch.hiddenSize();
    }

    /** Learned absolute position embeddings, {@code position_embeddings · hidden_size}; 0 with RoPE. */
    public long positionEmbeddingParams() {
        return arch.positionEmbeddings() == null ? 0 : arch.positionEmbeddings() * arch.hiddenSize();
    }

    /** Output (LM) head, {@code vocab_size · hidden_size}; 0 when tied to the input table or for embedding models. */
    public long outputHeadParams() {
        return arch.tiedEmbeddings() || type == ModelType.EMBEDDING ? 0 : arch.vocabSize() * arch.hiddenSize();
    }

    /** Input table + position embeddings + output head. */
    public long embeddingParams() {
        return inputEmbeddingParams() + positionEmbeddingParams() + outputHeadParams();
    }

    /** Attention projections of one full, sliding or parallel layer (Q with its output gate if any, K, V, O; or the MLA projections). */
    public long attentionParamsPerLayer() {
        long h = arch.hiddenSize();
        long heads = arch.attentionHeads();
        Architecture.Mla mla = arch.mla();
        if (mla != null) {
            long qk = (long) mla.qkNopeHeadDim() + mla.qkRopeHeadDim();
            long q = mla.qLoraRank() != null
                    ? h * mla.qLoraRank() + (long) mla.qLoraRank() * heads * qk
                    : h * heads * qk;
            long kv = h * (mla.kvLoraRank() + mla.qkRopeHeadDim())
                    + (long) mla.kvLoraRank() * heads * (mla.qkNopeHeadDim() + mla.vHeadDim());
            return q + kv + heads * mla.vHeadDim() * h;
        }
        long d = arch.headDim();
        long dv = arch.valueHeadDim();
        long kvHeads = arch.kvHeads();
        return queryParamsPerLayer() + h * kvHeads * d + h * kvHeads * dv + heads * dv * h;
    }

    /**
     * Query projection of one attention layer without MLA, {@code g · hidden · heads · head_dim}: doubled
     * when the layer has an output gate, which the same projection produces.
     */
    public long queryParamsPerLayer() {
        long q = arch.hiddenSize() * arch.attentionHeads() * arch.headDim();
        return arch.hasAttentionOutputGate() ? 2 * q : q;
    }

    /** Projections of the recurrent mixer of one linear or parallel layer; 0 when the model has none. */
    public long recurrentMixerParamsPerLayer() {
        Architecture.LinearMixer lin = arch.linear();
        if (lin == null) {
            return 0;
        }
        long h = arch.hiddenSize();
        if ("mamba2".equals(lin.kind())) {
            long inner = lin.innerSize();
            return h * (2 * inner + 2L * lin.groups() * lin.stateSize() + lin.heads()) + inner * h;
        }
        long kd = (long) lin.keyHeads() * lin.keyHeadDim();
        long vd = (long) lin.heads() * lin.valueHeadDim();
        return h * (2 * kd + 2 * vd + 2L * lin.heads()) + vd * h;
    }

    /** FFN of one dense layer, {@code m · hidden_size · ffn_size}. */
    public long denseFfnParamsPerLayer() {
        return ffnMatrices() * arch.hiddenSize() * arch.ffnSize();
    }

    /** One routed expert, {@code m · hidden_size · expert_ffn_size}; 0 for dense models. */
    public long routedExpertParams() {
        return arch.moe() == null ? 0 : ffnMatrices() * arch.hiddenSize() * arch.moe().expertFfnSize();
    }

    /** All shared experts of one MoE layer; 0 for dense models. */
    public long sharedExpertParamsPerLayer() {
        Architecture.Moe moe = arch.moe();
        return moe == null ? 0 : moe.sharedExperts() * ffnMatrices() * arch.hiddenSize() * moe.sharedFfnSize();
    }

    /** Router (gate) of one MoE layer, {@code hidden_size · experts}; 0 for dense models. */
    public long routerParamsPerLayer() {
        return arch.moe() == null ? 0 : arch.hiddenSize() * arch.moe().experts();
    }

    /** Number of layers whose FFN is a mixture of experts. */
    public int moeLayers() {
        int n = 0;
        for (int i = 0; i < arch.layers(); i++) {
            if (arch.isMoeLayer(i)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Routed-expert weights of the whole model (all experts of all MoE layers): the part a runtime can
     * keep in system memory while the rest sits on the GPU. 0 for dense models.
     */
    public long routedExpertParamsTotal() {
        return arch.moe() == null ? 0 : (long) moeLayers() * arch.moe().experts() * routedExpertParams();
    }

    /** Weights of layer {@code i} (0-based): mixer plus FFN; with {@code active}, routed experts at experts per token. */
    public long layerParams(int i, boolean active) {
        LayerKind kind = arch.layerKind(i);
        long p = 0;
        if (kind.hasAttention()) {
            p += attentionParamsPerLayer();
        }
        if (kind.hasRecurrentState()) {
            p += recurrentMixerParamsPerLayer();
        }
        if (arch.isMoeLayer(i)) {
            Architecture.Moe moe = arch.moe();
            p += (long) (active ? moe.expertsPerToken() : moe.experts()) * routedExpertParams();
            p += sharedExpertParamsPerLayer() + routerParamsPerLayer();
        } else {
            p += denseFfnParamsPerLayer();
        }
        return p;
    }

    private long sumLayers(boolean active) {
        long sum = 0;
        for (int i = 0; i < arch.layers(); i++) {
            sum += layerParams(i, active);
        }
        return sum;
    }

    private long ffnMatrices() {
        return arch.isFfnGated() ? 3 : 2;
    }
}
