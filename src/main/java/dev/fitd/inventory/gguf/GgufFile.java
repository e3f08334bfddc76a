package dev.fitd.inventory.gguf;

import dev.fitd.estimate.GgmlType;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The header of one GGUF file: metadata and tensor infos, never tensor data.
 *
 * <p>Metadata values are plain Java objects: {@code UINT8, INT8, UINT16, INT16, INT32} →
 * {@link Integer}; {@code UINT32, INT64} → {@link Long}; {@code UINT64} → {@link Long}
 * (or {@link java.math.BigInteger} at 2^63 and above); {@code FLOAT32} → {@link Float};
 * {@code FLOAT64} → {@link Double}; {@code BOOL} → {@link Boolean}; {@code STRING} →
 * {@link String}; {@code ARRAY} → {@link GgufArray}. {@link #metadataTypes()} keeps the declared type.
 *
 * @param path the file
 * @param fileSize size of the file in bytes
 * @param version GGUF version (2 or 3)
 * @param byteOrder byte order of the file (v3 allows big-endian)
 * @param metadata key-values in file order
 * @param metadataTypes declared type of each key
 * @param tensors tensor infos in file order
 * @param alignment data alignment ({@code general.alignment}, default 32)
 * @param dataOffset absolute offset of the tensor data section
 */
public record GgufFile(Path path, long fileSize, int version, ByteOrder byteOrder, Map<String, Object> metadata,
                       Map<String, GgufValueType> metadataTypes, List<GgufTensorInfo> tensors, long alignment,
                       long dataOffset) {

    public GgufFile {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        metadataTypes = Collections.unmodifiableMap(new LinkedHashMap<>(metadataTypes));
        tensors = List.copyOf(tensors);
    }

    /** Sum of the exact byte sizes of all tensors. */
    public long tensorBytes() {
        long sum = 0;
        for (GgufTensorInfo t : tensors) {
            sum = Math.addExact(sum, t.bytes());
        }
        return sum;
    }

    /** Sum of the elements of all tensors (the weights' parameter count as stored). */
    public long tensorElements() {
        long sum = 0;
        for (GgufTensorInfo t : tensors) {
            sum = Math.addExact(sum, t.elements());
        }
        return sum;
    }

    /** Bytes per element type, e.g. {@code Q4_K → 4.1 GB, Q6_K → 0.4 GB}. */
    public Map<GgmlType, Long> tensorBytesByType() {
        Map<GgmlType, Long> out = new java.util.EnumMap<>(GgmlType.class);
        for (GgufTensorInfo t : tensors) {
            out.merge(t.type(), t.bytes(), Long::sum);
        }
        return Collections.unmodifiableMap(out);
    }

    /** A string value, empty when absent or of another type. */
    public Optional<String> string(String key) {
        return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** An integer value of any integer type, empty when absent or not an integer. */
    public OptionalLong integer(String key) {
        Object v = metadata.get(key);
        return v instanceof Integer || v instanceof Long ? OptionalLong.of(((Number) v).longValue()) : OptionalLong.empty();
    }

    /** True when a tensor of this name exists. */
    public boolean hasTensor(String name) {
        for (GgufTensorInfo t : tensors) {
            if (t.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The architecture facts derived from this file's metadata and tensors. */
    public GgufFacts facts() {
        Boolean tied = hasTensor("output.weight") ? Boolean.FALSE : hasTensor("token_embd.weight") ? Boolean.TRUE : null;
        return GgufFacts.fromMetadata(metadata, tied);
    }
}
