package dev.fitd.estimate;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.LayerKind;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.ParameterCount;

/**
 * Parameter counts of a model split by the tensor roles that llama.cpp quantizes differently, per
 * layer. The per-layer aggregates are {@link ParameterCount}'s; this class only splits them finer:
 * attention into q / k / v / output so that the GGUF mixes ({@link GgufMix}) can give {@code attn_v}
 * more bits, and FFNs into gate+up / down.
 *
 * <p>Units: parameters (weights), as doubles to keep sums of large models exact enough (< 2^53).
 * Biases, norms and convolution kernels are counted as F32 {@code norms} (a few per mille at most).
 */
final class TensorCounts {
    final int layers;
    final double tokenEmbd;
    /** Output head parameters; 0 when the head is tied to the embedding (see {@link #tiedOutput}) or absent. */
    final double output;
    /** True when a text model reuses the token embedding as its output head. */
    final boolean tiedOutput;
    final double positionEmbd;
    final double[] attnQ;
    final double[] attnK;
    final double[] attnV;
    final double[] attnOut;
    /** MLA latent projections and recurrent-mixer matrices: stored at the base type. */
    final double[] mixerOther;
    final double[] ffnGateUp;
    final double[] ffnDown;
    final double[] expertGateUp;
    final double[] expertDown;
    final double[] router;
    final double[] norms;
    /** Attention ordinal of each layer (its index among layers with attention), -1 when none. */
    final int[] attentionOrdinal;
    final int attentionLayers;
    /** Input length of the dense / expert down projections (row length for block-size checks). */
    final long ffnSize;
    final long expertFfnSize;
    final long hidden;
    /** Input length of the attention output projection (heads × value head dim). */
    final long attnOutRow;
    /** Routed experts per MoE layer and experts used per token; 0 for dense models. */
    final int experts;
    final int expertsPerToken;
    final boolean gqa4;

    TensorCounts(ModelSpec m) {
        Architecture a = m.arch();
        ParameterCount pc = ParameterCount.of(m);
        layers = a.layers();
        long h = a.hiddenSize();
        hidden = h;
        tokenEmbd = pc.inputEmbeddingParams();
        tiedOutput = m.type() != ModelType.EMBEDDING && a.tiedEmbeddings();
        output = pc.outputHeadParams();
        positionEmbd = pc.positionEmbeddingParams();
        ffnSize = a.ffnSize();
        Architecture.Moe moe = a.moe();
        experts = moe == null ? 0 : moe.experts();
        expertsPerToken = moe == null ? 0 : moe.expertsPerToken();
        expertFfnSize = moe == null ? 0 : moe.expertFfnSize();
        gqa4 = a.attentionHeads() / Math.max(1, a.kvHeads()) >= 4;
        attnOutRow = (long) a.attentionHeads() * (a.mla() != null ? a.mla().vHeadDim() : a.valueHeadDim());
        attnQ = new double[layers];
        attnK = new double[layers];
        attnV = new double[layers];
        attnOut = new double[layers];
        mixerOther = new double[layers];
        ffnGateUp = new double[layers];
        ffnDown = new double[layers];
        expertGateUp = new double[layers];
        expertDown = new double[layers];
        router = new double[layers];
        norms = new double[layers];
        attentionOrdinal = new int[layers];
        // Aggregates come from catalog.ParameterCount (the catalog's own formula); only the splits
        // llama.cpp's quantizer needs are made here: attention into Q / K / V / O (MLA: Q, latent, O)
        // and every FFN into gate+up and down in the ratio (m-1) : 1 of its m matrices.
        double attention = pc.attentionParamsPerLayer();
        double[] qkvo = attentionSplit(a, pc);
        double mixer = pc.recurrentMixerParamsPerLayer();
        double downShare = 1.0 / (a.isFfnGated() ? 3 : 2);
        double allExperts = (double) experts * pc.routedExpertParams();
        int ordinal = 0;
        for (int i = 0; i < layers; i++) {
            LayerKind kind = a.layerKind(i);
            attentionOrdinal[i] = -1;
            if (kind.hasAttention()) {
                attentionOrdinal[i] = ordinal++;
                attnQ[i] = qkvo[0];
                attnK[i] = qkvo[1];
                attnV[i] = qkvo[2];
                attnOut[i] = qkvo[3];
                mixerOther[i] += attention - qkvo[0] - qkvo[1] - qkvo[2] - qkvo[3];
            }
            if (kind.hasRecurrentState()) {
                mixerOther[i] += mixer;
            }
            double dense;
            if (a.isMoeLayer(i)) {
                expertGateUp[i] = allExperts * (1 - downShare);
                expertDown[i] = allExperts * downShare;
                dense = pc.sharedExpertParamsPerLayer();
                router[i] = pc.routerParamsPerLayer();
            } else {
                dense = pc.denseFfnParamsPerLayer();
            }
            ffnGateUp[i] = dense * (1 - downShare);
            ffnDown[i] = dense * downShare;
            norms[i] = 2.0 * h;
        }
        attentionLayers = ordinal;
    }

    /** Q (with its output gate, if any), K, V, O parameters of one attention layer; MLA: Q, 0, 0, O (the latent projections are the rest). */
    private static double[] attentionSplit(Architecture a, ParameterCount pc) {
        long h = a.hiddenSize();
        int heads = a.attentionHeads();
        Architecture.Mla mla = a.mla();
        if (mla != null) {
            int qk = mla.qkNopeHeadDim() + mla.qkRopeHeadDim();
            double q = mla.qLoraRank() != null
                    ? (double) h * mla.qLoraRank() + (double) mla.qLoraRank() * heads * qk
                    : (double) h * heads * qk;
            return new double[] {q, 0, 0, (double) heads * mla.vHeadDim() * h};
        }
        // Q from ParameterCount: with an attention output gate llama.cpp's attn_q holds query and gate.
        return new double[] {(double) pc.queryParamsPerLayer(),
                (double) h * a.kvHeads() * a.headDim(),
                (double) h * a.kvHeads() * a.valueHeadDim(), (double) heads * a.valueHeadDim() * h};
    }

    /** All parameters of layer {@code i} (experts included). */
    double layerParams(int i) {
        return attnQ[i] + attnK[i] + attnV[i] + attnOut[i] + mixerOther[i] + ffnGateUp[i] + ffnDown[i]
                + expertGateUp[i] + expertDown[i] + router[i];
    }

    /** Total parameters as the catalog counts them (output head counted once, norms excluded). */
    double totalParams() {
        double t = tokenEmbd + output + positionEmbd;
        for (int i = 0; i < layers; i++) {
            t += layerParams(i);
        }
        return t;
    }

    /** Parameters used per token: routed experts scaled to the active share, embedding table excluded. */
    double activeParamsExcludingEmbedding() {
        double t = output + (tiedOutput ? tokenEmbd : 0);
        for (int i = 0; i < layers; i++) {
            double e = expertGateUp[i] + expertDown[i];
            t += layerParams(i) - e + (experts == 0 ? 0 : e * expertsPerToken / experts);
        }
        return t;
    }
}
