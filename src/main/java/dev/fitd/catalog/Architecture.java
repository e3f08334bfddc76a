package dev.fitd.catalog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The architecture facts of one model, as in its Hugging Face {@code config.json}. Sizes are element
 * counts; optional facts are {@code null} when the model does not have them. See
 * {@code catalog/schema.json} for the meaning of each field.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Architecture(
        int layers,
        long hiddenSize,
        long ffnSize,
        Boolean ffnGated,
        int attentionHeads,
        int kvHeads,
        int headDim,
        Integer vHeadDim,
        Boolean attentionOutputGate,
        long vocabSize,
        boolean tiedEmbeddings,
        Integer positionEmbeddings,
        List<LayerKind> layerPattern,
        Integer slidingWindow,
        LinearMixer linear,
        Mla mla,
        Moe moe) {

    public Architecture {
        layerPattern = layerPattern == null || layerPattern.isEmpty() ? List.of(LayerKind.FULL) : List.copyOf(layerPattern);
    }

    /** The mixer of layer {@code i} (0-based): the pattern repeated cyclically. */
    public LayerKind layerKind(int i) {
        return layerPattern.get(i % layerPattern.size());
    }

    /** Number of layers of the given kind. */
    public int countLayers(LayerKind kind) {
        int n = 0;
        for (int i = 0; i < layers; i++) {
            if (layerKind(i) == kind) {
                n++;
            }
        }
        return n;
    }

    /** True when the FFN has three matrices (SwiGLU / GeGLU); false for a two-matrix GELU MLP. */
    public boolean isFfnGated() { return ffnGated == null || ffnGated; }

    /**
     * True when the query projection of every attention layer also produces an output gate of the
     * query's width (Qwen3-Next's gated attention), doubling it; false (default) otherwise.
     */
    public boolean hasAttentionOutputGate() { return attentionOutputGate != null && attentionOutputGate; }

    /** Value head dimension (equals {@link #headDim()} unless stated otherwise). */
    public int valueHeadDim() { return vHeadDim == null ? headDim : vHeadDim; }

    /** True when layer {@code i} (0-based) has a routed-expert FFN rather than a dense one. */
    public boolean isMoeLayer(int i) {
        return moe != null && i >= moe.denseLayers() && (i - moe.denseLayers() + 1) % moe.layerStep() == 0;
    }

    /** Multi-head latent attention dimensions (DeepSeek V2/V3, Kimi K2). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Mla(Integer qLoraRank, int kvLoraRank, int qkRopeHeadDim, int qkNopeHeadDim, int vHeadDim) { }

    /** Mixture of experts: routed experts, how many a token uses, shared experts and layout. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Moe(int experts, int expertsPerToken, int sharedExperts, long expertFfnSize,
                      Long sharedExpertFfnSize, int denseLayers, int layerStep) {
        public Moe {
            layerStep = layerStep <= 0 ? 1 : layerStep;
        }

        /** Intermediate size of one shared expert. */
        public long sharedFfnSize() { return sharedExpertFfnSize == null ? expertFfnSize : sharedExpertFfnSize; }
    }

    /** The recurrent mixer of linear / parallel layers (Mamba2 or Gated DeltaNet). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LinearMixer(String kind, int convKernel, Integer stateSize, Integer innerSize, Integer groups,
                              Integer heads, Integer keyHeads, Integer keyHeadDim, Integer valueHeadDim) { }
}
