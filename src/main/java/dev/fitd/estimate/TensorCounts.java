package dev.fitd.estimate;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.LayerKind;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;

/**
 * Parameter counts of a model split by the tensor roles that llama.cpp quantizes differently, per
 * layer. Pure arithmetic on {@link Architecture}; the same formula as {@code catalog.ParameterCount}
 * (and {@code check_catalog.py}), only finer: attention is split into q / k / v / output so that the
 * GGUF mixes ({@link GgufMix}) can give {@code attn_v} more bits, and FFNs into gate+up / down.
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
        layers = a.layers();
        long h = a.hiddenSize();
        hidden = h;
        tokenEmbd = (double) a.vocabSize() * h;
        boolean textHead = m.type() != ModelType.EMBEDDING;
        tiedOutput = textHead && a.tiedEmbeddings();
        output = textHead && !a.tiedEmbeddings() ? (double) a.vocabSize() * h : 0;
        positionEmbd = a.positionEmbeddings() == null ? 0 : (double) a.positionEmbeddings() * h;
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
        int mult = a.isFfnGated() ? 3 : 2;
        int ordinal = 0;
        for (int i = 0; i < layers; i++) {
            LayerKind kind = a.layerKind(i);
            attentionOrdinal[i] = -1;
            if (kind.hasAttention()) {
                attentionOrdinal[i] = ordinal++;
                attention(a, i);
            }
            if (kind.hasRecurrentState() && a.linear() != null) {
                mixerOther[i] += linearMixer(a, h);
            }
            if (a.isMoeLayer(i)) {
                double oneExpert = (double) h * moe.expertFfnSize();
                expertGateUp[i] = moe.experts() * oneExpert * (mult - 1);
                expertDown[i] = moe.experts() * oneExpert;
                double shared = (double) moe.sharedExperts() * h * moe.sharedFfnSize();
                ffnGateUp[i] = shared * (mult - 1);
                ffnDown[i] = shared;
                router[i] = (double) h * moe.experts();
            } else {
                ffnGateUp[i] = (double) h * a.ffnSize() * (mult - 1);
                ffnDown[i] = (double) h * a.ffnSize();
            }
            norms[i] = 2.0 * h;
        }
        attentionLayers = ordinal;
    }

    private void attention(Architecture a, int i) {
        long h = a.hiddenSize();
        int heads = a.attentionHeads();
        Architecture.Mla mla = a.mla();
        if (mla != null) {
            int qk = mla.qkNopeHeadDim() + mla.qkRopeHeadDim();
            attnQ[i] = mla.qLoraRank() != null
                    ? (double) h * mla.qLoraRank() + (double) mla.qLoraRank() * heads * qk
                    : (double) h * heads * qk;
            mixerOther[i] += (double) h * (mla.kvLoraRank() + mla.qkRopeHeadDim())
                    + (double) mla.kvLoraRank() * heads * (mla.qkNopeHeadDim() + mla.vHeadDim());
            attnOut[i] = (double) heads * mla.vHeadDim() * h;
            return;
        }
        attnQ[i] = (double) h * heads * a.headDim();
        attnK[i] = (double) h * a.kvHeads() * a.headDim();
        attnV[i] = (double) h * a.kvHeads() * a.valueHeadDim();
        attnOut[i] = (double) heads * a.valueHeadDim() * h;
    }

    /** Projection weights of a Mamba2 or Gated DeltaNet mixer (same formula as the catalog check). */
    private static double linearMixer(Architecture a, long h) {
        Architecture.LinearMixer lin = a.linear();
        if ("mamba2".equals(lin.kind())) {
            long inner = nz(lin.innerSize());
            return (double) h * (2 * inner + 2L * nz(lin.groups()) * nz(lin.stateSize()) + nz(lin.heads()))
                    + (double) inner * h;
        }
        long kd = (long) nz(lin.keyHeads()) * nz(lin.keyHeadDim());
        long vd = (long) nz(lin.heads()) * nz(lin.valueHeadDim());
        return (double) h * (2 * kd + 2 * vd + 2L * nz(lin.heads())) + (double) vd * h;
    }

    private static long nz(Integer v) { return v == null ? 0 : v; }

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
