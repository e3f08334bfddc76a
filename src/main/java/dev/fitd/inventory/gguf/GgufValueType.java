package dev.fitd.inventory.gguf;

import java.util.Optional;

/**
 * The value types of GGUF metadata (GGUF spec, {@code gguf_metadata_value_type}). {@code minBytes} is
 * the smallest encoding of one value, used to reject declared counts that cannot fit in the file.
 */
enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4),
    BOOL(7, 1), STRING(8, 8), ARRAY(9, 12), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private final int id;
    private final int minBytes;

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    public int id() { return id; }

    /** Bytes of the smallest possible encoding of one value of this type. */
    public int minBytes() { return minBytes; }

    public static Optional<GgufValueType> byId(long id) {
        for (GgufValueType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
