package dev.fitd.inventory.gguf;

import java.util.Optional;

/**
 * The tensor element types a GGUF file can declare, with the storage layout that gives a tensor's
 * exact byte size: {@code bytes = elements / blockSize * typeSize}.
 *
 * <p>Source: ggml's {@code enum ggml_type} (ids) and the {@code type_traits} table in
 * {@code ggml/src/ggml.c} ({@code blck_size}, {@code type_size}); K-quants and i-quants use
 * super-blocks of {@code QK_K = 256} elements, the legacy quants blocks of 32. Ids 4, 5 (Q4_2, Q4_3),
 * 31–33 (Q4_0_4_4 …) and 36–38 (IQ4_NL_4_4 …) were removed from ggml and are rejected.
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
    private final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    /** The numeric id stored in a GGUF tensor info. */
    public int id() { return id; }

    /** Elements per block. */
    public int blockSize() { return blockSize; }

    /** Bytes per block. */
    public int typeSize() { return typeSize; }

    /** The type with this id, empty for removed or unknown ids. */
    public static Optional<GgmlType> byId(long id) {
        return id < 0 || id >= BY_ID.length ? Optional.empty() : Optional.ofNullable(BY_ID[(int) id]);
    }

    /**
     * Exact bytes of {@code elements} elements of this type.
     *
     * @throws ArithmeticException when {@code elements} is not a whole number of blocks or overflows
     */
    public long bytesFor(long elements) {
        if (elements % blockSize != 0) {
            throw new ArithmeticException(elements + " elements is not a multiple of the block size " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) typeSize);
    }
}
