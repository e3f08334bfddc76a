package dev.fitd.estimate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Element type of the KV cache ({@code --cache-type-k/-v}). Bytes per element from the ggml block
 * sizes ({@link GgmlType}): f16/bf16 2, q8_0 34/32 = 1.0625, q5_1 0.75, q5_0 0.6875, q4_1 0.625,
 * q4_0 and iq4_nl 18/32 = 0.5625. A quantized V cache needs flash attention, which llama.cpp enables by
 * default ({@code -fa auto}) on every backend fitd models.
 */
public enum KvCacheType {
    F32(GgmlType.F32), F16(GgmlType.F16), BF16(GgmlType.BF16), Q8_0(GgmlType.Q8_0), Q5_1(GgmlType.Q5_1),
    Q5_0(GgmlType.Q5_0), Q4_1(GgmlType.Q4_1), Q4_0(GgmlType.Q4_0), IQ4_NL(GgmlType.IQ4_NL);

    private final GgmlType type;

    KvCacheType(GgmlType type) { this.type = type; }

    /** Bytes per cached element. */
    public double bytesPerElement() { return type.bytes(1); }

    /** The llama.cpp spelling ({@code q8_0}). */
    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public boolean isQuantized() { return this != F32 && this != F16 && this != BF16; }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static KvCacheType parse(String name) {
        if (name != null) {
            String k = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (KvCacheType t : values()) {
                if (t.name().equals(k)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("invalid kv_cache value '" + (name == null ? "" : name.trim()) + "': use "
                + Arrays.stream(values()).map(KvCacheType::wire).collect(Collectors.joining("|")));
    }
}
