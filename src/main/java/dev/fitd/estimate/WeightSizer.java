package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.GgufMix.Role;

/**
 * Weight bytes of a model at a quantization: {@link TensorCounts} × the bits each tensor gets.
 *
 * <ul>
 * <li>GGUF: per-tensor ggml types from {@link GgufMix}, block-size fallbacks from
 *     {@link GgmlType#forRowLength}; norms, biases and the MoE router stay F32 (llama-quant.cpp never
 *     quantizes 1-D tensors or {@code ffn_gate_inp}). Reproduces llama-bench sizes within 1 %:
 *     Llama-3-8B Q4_K_M 4.58 GiB, LLaMA-2-7B Q4_0 3.56 GiB (see {@code WeightSizerTest}).</li>
 * <li>MLX: every matrix (embedding and head included) at the MLX bits, norms 16-bit
 *     ({@code mlx_lm.convert -q} quantizes all {@code Linear} and {@code Embedding} layers).</li>
 * <li>AWQ / GPTQ / FP8: linear layers at the format's bits; embedding, head, router and norms 16-bit
 *     (AutoAWQ, AutoGPTQ and FP8 checkpoints leave them unquantized).</li>
 * <li>A vision tower is counted at 16 bits (mmproj files and MLX vision towers are published in F16/BF16).</li>
 * </ul>
 */
public final class WeightSizer {
    private WeightSizer() { }

    public static WeightBytes size(ModelSpec model, QuantType q) {
        return size(model, new TensorCounts(model), q, false);
    }

    /** @param mlxRuntime true when 16-bit types are MLX safetensors rather than GGUF (same size, no GGUF mix) */
    static WeightBytes size(ModelSpec model, TensorCounts t, QuantType q, boolean mlxRuntime) {
        int n = t.layers;
        long[] layer = new long[n];
        long[] expert = new long[n];
        long[] active = new long[n];
        long vision = (long) (model.visionParams() * 2.0);
        if (!q.isGguf() || (mlxRuntime && q.baseType() != null && q.bitsPerWeight() >= 16)) {
            double bits = q.bitsPerWeight();
            boolean allQuantized = q.format() == QuantType.Format.MLX || bits >= 16;
            double edgeBits = allQuantized ? bits : 16;
            double normBits = bits >= 32 ? 32 : 16;
            for (int i = 0; i < n; i++) {
                double dense = t.attnQ[i] + t.attnK[i] + t.attnV[i] + t.attnOut[i] + t.mixerOther[i] + t.ffnGateUp[i]
                        + t.ffnDown[i];
                layer[i] = (long) ((dense * bits + t.router[i] * edgeBits + t.norms[i] * normBits) / 8);
                expert[i] = (long) ((t.expertGateUp[i] + t.expertDown[i]) * bits / 8);
                active[i] = activeShare(t, expert[i]);
            }
            long embd = (long) (t.tokenEmbd * edgeBits / 8);
            long out = t.tiedOutput ? embd : (long) (t.output * edgeBits / 8);
            long other = (long) ((t.positionEmbd * edgeBits + t.hidden * normBits) / 8);
            return weightBytes(t, embd, out, layer, expert, active, other, vision);
        }
        int attnN = Math.max(1, t.attentionLayers);
        for (int i = 0; i < n; i++) {
            int j = t.attentionOrdinal[i];
            double b = 0;
            if (j >= 0) {
                b += bytes(q, Role.ATTN_Q, j, attnN, t, t.attnQ[i], t.hidden);
                b += bytes(q, Role.ATTN_K, j, attnN, t, t.attnK[i], t.hidden);
                b += bytes(q, Role.ATTN_V, j, attnN, t, t.attnV[i], t.hidden);
                b += bytes(q, Role.ATTN_OUT, j, attnN, t, t.attnOut[i], t.attnOutRow);
            }
            b += bytes(q, Role.OTHER, i, n, t, t.mixerOther[i], t.hidden);
            long downRow = t.expertGateUp[i] > 0 ? t.expertFfnSize : t.ffnSize;
            b += bytes(q, Role.FFN_GATE_UP, i, n, t, t.ffnGateUp[i], t.hidden);
            b += bytes(q, Role.FFN_DOWN, i, n, t, t.ffnDown[i], downRow);
            b += (t.router[i] + t.norms[i]) * 4;
            layer[i] = (long) b;
            double e = bytes(q, Role.EXPERT_GATE_UP, i, n, t, t.expertGateUp[i], t.hidden)
                    + bytes(q, Role.EXPERT_DOWN, i, n, t, t.expertDown[i], t.expertFfnSize);
            expert[i] = (long) e;
            active[i] = activeShare(t, expert[i]);
        }
        // A tied head: the file holds one token_embd, quantized with the output rule (llama-quant.cpp:
        // "!has_output && name == token_embd"); llama.cpp copies it to the output device as well.
        long embd = (long) bytes(q, t.tiedOutput ? Role.OUTPUT : Role.TOKEN_EMBD, 0, n, t, t.tokenEmbd, t.hidden);
        long out = t.tiedOutput ? embd : (long) bytes(q, Role.OUTPUT, 0, n, t, t.output, t.hidden);
        long other = (long) (bytes(q, Role.OTHER, 0, n, t, t.positionEmbd, t.hidden) + t.hidden * 4.0);
        return weightBytes(t, embd, out, layer, expert, active, other, vision);
    }

    /** A dense model's expert arrays are all zeros: one shared array stands for them (see {@link ModelSizing.Sized}). */
    private static WeightBytes weightBytes(TensorCounts t, long embd, long out, long[] layer, long[] expert, long[] active,
                                           long other, long vision) {
        if (WeightBytes.sum(expert) == 0 && WeightBytes.sum(active) == 0) {
            expert = ModelSizing.zeros(layer.length);
            active = expert;
        }
        return new WeightBytes(embd, out, t.tiedOutput, layer, expert, active, other, vision);
    }

    private static long activeShare(TensorCounts t, long expertBytes) {
        return t.experts == 0 ? 0 : expertBytes * t.expertsPerToken / t.experts;
    }

    private static double bytes(QuantType q, Role role, int layer, int n, TensorCounts t, double params, long row) {
        if (params == 0) {
            return 0;
        }
        return GgufMix.type(q, role, layer, n, t).forRowLength(row).bytes(params);
    }
}
