package dev.fitd.estimate;

import java.util.Optional;

/**
 * A ggml tensor storage type: its id in GGUF files and how many bytes one block of {@code blockSize}
 * weights takes. Bits per weight = {@code 8 × blockBytes / blockSize}, scales and minimums included;
 * exact bytes of a tensor = {@code elements / blockSize × blockBytes}. The one table of these facts: the
 * estimator sizes weights with it and the GGUF reader ({@code dev.fitd.inventory.gguf}) sizes tensors with it.
 *
 * <p>Source: ggml's {@code enum ggml_type} (ids), the {@code type_traits} table of {@code ggml/src/ggml.c}
 * ({@code blck_size}, {@code type_size}) and the block structs of {@code ggml/src/ggml-common.h} (llama.cpp),
 * e.g. {@code block_q4_0} = one f16 scale + 16 bytes of nibbles = 18 bytes per 32 weights; {@code block_q4_K}
 * = 2 f16 + 12 scale bytes + 128 nibble bytes = 144 bytes per 256; {@code block_mxfp4} = one e8m0 scale +
 * 16 bytes = 17 per 32. K-quants and i-quants use super-blocks of {@code QK_K = 256}, the legacy quants
 * blocks of 32. Ids 4, 5 (Q4_2, Q4_3), 31–33 (Q4_0_4_4 …) and 36–38 (IQ4_NL_4_4 …) were removed from
 * ggml and have no constant here. Constants are declared in id order.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    MXFP4(39, 32, 17);

    private static final GgmlType[] BY_ID = new GgmlType[64];

    static {
        for (GgmlType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int blockSize;
    private final int blockBytes;

    GgmlType(int id, int blockSize, int blockBytes) {
        this.id = id;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** The numeric id stored in a GGUF tensor info. */
    public int id() { return id; }

    /** The type with this GGUF id, empty for removed or unknown ids. */
    public static Optional<GgmlType> byId(long id) {
        return id < 0 || id >= BY_ID.length ? Optional.empty() : Optional.ofNullable(BY_ID[(int) id]);
    }

    /** Weights per block. */
    public int blockSize() { return blockSize; }

    /** Bytes per block (ggml's {@code type_size}). */
    public int blockBytes() { return blockBytes; }

    /** Effective bits per weight, block scales included. */
    public double bitsPerWeight() { return 8.0 * blockBytes / blockSize; }

    /**
     * Exact bytes of a tensor of {@code elements} elements of this type.
     *
     * @throws ArithmeticException when {@code elements} is not a whole number of blocks or overflows
     */
    public long bytesFor(long elements) {
        if (elements % blockSize != 0) {
            throw new ArithmeticException(elements + " elements is not a multiple of the block size " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) blockBytes);
    }

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
