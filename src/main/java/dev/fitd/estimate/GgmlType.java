package dev.fitd.estimate;

/**
 * A ggml tensor storage type: how many bytes one block of {@code blockSize} weights takes. Bits per
 * weight = {@code 8 × blockBytes / blockSize}, scales and minimums included.
 *
 * <p>Source: the {@code type_traits} table of {@code ggml/src/ggml.c} and the block structs of
 * {@code ggml/src/ggml-common.h} (llama.cpp), e.g. {@code block_q4_0} = one f16 scale + 16 bytes of
 * nibbles = 18 bytes per 32 weights; {@code block_q4_K} = 2 f16 + 12 scale bytes + 128 nibble bytes =
 * 144 bytes per 256; {@code block_mxfp4} = one e8m0 scale + 16 bytes = 17 per 32.
 */
public enum GgmlType {
    F32(1, 4), F16(1, 2), BF16(1, 2),
    Q8_0(32, 34), Q4_0(32, 18), Q4_1(32, 20), Q5_0(32, 22), Q5_1(32, 24), IQ4_NL(32, 18), MXFP4(32, 17),
    Q2_K(256, 84), Q3_K(256, 110), Q4_K(256, 144), Q5_K(256, 176), Q6_K(256, 210),
    IQ1_S(256, 50), IQ1_M(256, 56), IQ2_XXS(256, 66), IQ2_XS(256, 74), IQ2_S(256, 82),
    IQ3_XXS(256, 98), IQ3_S(256, 110), IQ4_XS(256, 136);

    private final int blockSize;
    private final int blockBytes;

    GgmlType(int blockSize, int blockBytes) {
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** Weights per block. */
    public int blockSize() { return blockSize; }

    /** Effective bits per weight, block scales included. */
    public double bitsPerWeight() { return 8.0 * blockBytes / blockSize; }

    /** Bytes of {@code n} weights stored in this type (blocks are never shared between rows, so exact for whole rows). */
    public double bytes(double n) { return n * blockBytes / blockSize; }

    /**
     * The type llama.cpp actually stores a tensor in when its rows of {@code rowLength} weights are not
     * a whole number of blocks: {@code llama-quant.cpp} falls back from 256-blocks to a 32-block type
     * (Q2_K/Q3_K/IQ* → IQ4_NL, Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0), and to F16 when even 32 does not divide.
     */
    public GgmlType forRowLength(long rowLength) {
        if (rowLength % blockSize == 0) {
            return this;
        }
        GgmlType fallback = switch (this) {
            case Q4_K -> Q5_0;
            case Q5_K -> Q5_1;
            case Q6_K -> Q8_0;
            default -> IQ4_NL;
        };
        return rowLength % fallback.blockSize == 0 ? fallback : F16;
    }

    /** True for the sub-4-bit k- and i-quants whose mat-vec kernels are dequantization-bound (see {@link CalibrationConstants}). */
    public boolean isLowBit() {
        return switch (this) {
            case Q2_K, Q3_K, IQ1_S, IQ1_M, IQ2_XXS, IQ2_XS, IQ2_S, IQ3_XXS, IQ3_S -> true;
            default -> false;
        };
    }
}
