package dev.fitd.estimate;

/**
 * Which ggml type llama.cpp's quantizer gives each tensor of a GGUF file type — a transcription of
 * {@code llama_tensor_get_type()} in {@code src/llama-quant.cpp} for the rules that change file sizes
 * by more than a few MB: the output head at Q6_K (Q5_K for the 1–2-bit i-quants, Q8_0 for Q8_0 and
 * MXFP4), {@code attn_v} and {@code ffn_down} bumped on the layers {@link #useMoreBits} selects
 * (Q4_K_M, Q5_K_M → Q6_K), first-layer bumps of Q4_K_S / Q3_K_M / IQ3_M, the GQA ≥ 4 rule that gives
 * {@code attn_v} Q4_K/Q5_K in low-bit files, the 8-expert rules (Mixtral: {@code attn_v}/{@code attn_k}
 * at Q8_0), and MXFP4 files (experts MXFP4, everything else Q8_0). An importance matrix is assumed
 * for the i-quants (as every published i-quant file has). Rows that are not a whole number of blocks
 * fall back as {@link GgmlType#forRowLength} says.
 */
final class GgufMix {
    /** The tensor roles whose types differ. */
    enum Role { TOKEN_EMBD, OUTPUT, ATTN_Q, ATTN_K, ATTN_V, ATTN_OUT, OTHER, FFN_GATE_UP, FFN_DOWN, EXPERT_GATE_UP,
        EXPERT_DOWN }

    private GgufMix() { }

    /**
     * {@code llama-quant.cpp}'s {@code use_more_bits(i, n)}: the first and last eighth of the layers
     * and every third layer in between — half of them when n = 32.
     */
    static boolean useMoreBits(int i, int n) {
        return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
    }

    /**
     * @param layer layer index for FFN roles, attention ordinal for attention roles
     * @param n number of layers (FFN roles) or of attention layers (attention roles)
     */
    static GgmlType type(QuantType q, Role role, int layer, int n, TensorCounts t) {
        GgmlType base = q.baseType();
        switch (q) {
            case F32, F16, BF16:
                return base;
            case MXFP4:
                return role == Role.EXPERT_GATE_UP || role == Role.EXPERT_DOWN ? GgmlType.MXFP4 : GgmlType.Q8_0;
            default:
                break;
        }
        boolean iqLow = switch (q) {
            case IQ2_XXS, IQ2_XS, IQ2_S, IQ2_M, IQ1_S, IQ1_M -> true;
            default -> false;
        };
        boolean iq2sm = q == QuantType.IQ2_S || q == QuantType.IQ2_M;
        boolean eightExperts = t.experts == 8;
        switch (role) {
            case OUTPUT:
                if (q == QuantType.Q8_0) {
                    return GgmlType.Q8_0;
                }
                return iqLow || q == QuantType.IQ3_XXS ? GgmlType.Q5_K : GgmlType.Q6_K;
            case TOKEN_EMBD:
                if (q == QuantType.IQ2_XXS || q == QuantType.IQ2_XS || q == QuantType.IQ1_S || q == QuantType.IQ1_M) {
                    return GgmlType.Q2_K;
                }
                if (iq2sm || q == QuantType.IQ3_XXS) {
                    return GgmlType.IQ3_S;
                }
                return base;
            case ATTN_V:
                return attnV(q, base, layer, n, t, iqLow, iq2sm, eightExperts);
            case ATTN_K:
                if (iqLow) {
                    return eightExperts ? GgmlType.Q4_K : iq2sm ? GgmlType.IQ3_XXS : base;
                }
                if (eightExperts && q != QuantType.Q8_0) {
                    return GgmlType.Q8_0;
                }
                return q == QuantType.IQ3_XS ? GgmlType.IQ3_XXS : base;
            case ATTN_Q:
                return q == QuantType.IQ3_XS || iq2sm ? GgmlType.IQ3_XXS : base;
            case ATTN_OUT:
                return attnOut(q, base, t, iqLow, iq2sm, eightExperts);
            case FFN_DOWN, EXPERT_DOWN:
                return ffnDown(q, base, layer, n, iqLow, iq2sm, eightExperts);
            case FFN_GATE_UP, EXPERT_GATE_UP:
                if (q == QuantType.IQ3_XS && layer >= n / 8 && layer < 7 * n / 8) {
                    return GgmlType.IQ3_XXS;
                }
                return base;
            default:
                return base;
        }
    }

    private static GgmlType attnV(QuantType q, GgmlType base, int j, int n, TensorCounts t, boolean iqLow,
                                  boolean iq2sm, boolean eightExperts) {
        if (iqLow) {
            if (t.gqa4 || t.experts >= 4) {
                return GgmlType.Q4_K;
            }
            return iq2sm ? GgmlType.IQ3_S : GgmlType.Q2_K;
        }
        GgmlType v = switch (q) {
            case Q2_K -> t.gqa4 ? GgmlType.Q4_K : GgmlType.Q3_K;
            case IQ3_XXS, IQ3_XS, IQ3_S -> t.gqa4 ? GgmlType.Q4_K : base;
            case IQ3_M -> GgmlType.Q4_K;
            case Q3_K_M -> j < 2 ? GgmlType.Q5_K : GgmlType.Q4_K;
            case Q3_K_L -> GgmlType.Q5_K;
            case IQ4_NL, IQ4_XS -> t.gqa4 ? GgmlType.Q5_K : base;
            case Q4_K_M, Q5_K_M -> useMoreBits(j, n) ? GgmlType.Q6_K : base;
            case Q4_K_S -> j < 4 ? GgmlType.Q5_K : base;
            default -> base;
        };
        return eightExperts && q != QuantType.Q8_0 ? GgmlType.Q8_0 : v;
    }

    private static GgmlType attnOut(QuantType q, GgmlType base, TensorCounts t, boolean iqLow, boolean iq2sm,
                                    boolean eightExperts) {
        if (iqLow) {
            if (t.experts >= 4) {
                return GgmlType.Q4_K;
            }
            if (q == QuantType.IQ1_S || q == QuantType.IQ1_M) {
                return GgmlType.IQ2_XXS;
            }
            return iq2sm ? GgmlType.IQ3_S : base;
        }
        if (eightExperts) {
            return switch (q) {
                case Q2_K, IQ3_XS, IQ3_XXS, Q3_K_S, Q3_K_M, IQ4_NL, Q4_K_S, Q4_K_M, IQ3_S, IQ3_M, IQ4_XS -> GgmlType.Q5_K;
                default -> base;
            };
        }
        return switch (q) {
            case Q2_K -> GgmlType.Q3_K;
            case IQ3_XXS -> GgmlType.IQ3_S;
            case Q3_K_M, IQ3_M -> GgmlType.Q4_K;
            case Q3_K_L -> GgmlType.Q5_K;
            default -> base;
        };
    }

    private static GgmlType ffnDown(QuantType q, GgmlType base, int i, int n, boolean iqLow, boolean iq2sm,
                                    boolean eightExperts) {
        if (iqLow) {
            return i < n / 8 ? (iq2sm ? GgmlType.IQ3_S : GgmlType.Q2_K) : base;
        }
        return switch (q) {
            case Q2_K -> GgmlType.Q3_K;
            case Q3_K_M -> i < n / 16 ? GgmlType.Q5_K : GgmlType.Q4_K;
            case IQ3_M -> i < n / 8 || (eightExperts && useMoreBits(i, n)) ? GgmlType.Q4_K : base;
            case Q3_K_L -> GgmlType.Q5_K;
            case Q4_K_M, Q5_K_M -> useMoreBits(i, n) ? GgmlType.Q6_K : base;
            case Q4_K_S -> i < n / 8 ? GgmlType.Q5_K : base;
            default -> base;
        };
    }
}
