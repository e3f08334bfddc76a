package dev.fitd.inventory.gguf;

import dev.fitd.estimate.GgmlType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the header of a GGUF file (versions 2 and 3, little- or big-endian) in pure Java: magic,
 * version, counts, every metadata key-value (all value types, nested arrays) and every tensor info.
 * Tensor data is never read; its extent is checked against the file size, so a truncated download is
 * detected.
 *
 * <p>Layout (GGUF spec, {@code ggml/docs/gguf.md}): {@code "GGUF"}, {@code u32 version},
 * {@code u64 tensor_count}, {@code u64 metadata_kv_count}, the key-values ({@code string key},
 * {@code u32 type}, value), the tensor infos ({@code string name}, {@code u32 n_dims},
 * {@code u64 dims[n_dims]}, {@code u32 ggml_type}, {@code u64 offset}), padding to
 * {@code general.alignment}, then the data. Strings are {@code u64 length} + UTF-8 bytes.
 *
 * <p>Every declared length and count is checked against {@link GgufLimits} and against the bytes left
 * in the file before anything is allocated; any problem is a {@link GgufException} naming the file.
 */
public final class GgufReader {
    /** "GGUF" read as a little-endian u32. */
    static final int MAGIC_LE = 0x46554747;
    /** ggml's {@code GGML_MAX_DIMS}. */
    static final int MAX_DIMS = 4;
    static final long DEFAULT_ALIGNMENT = 32;

    private final GgufLimits limits;

    public GgufReader() { this(GgufLimits.DEFAULT); }

    GgufReader(GgufLimits limits) { this.limits = limits; }

    /** True when the file starts with the GGUF magic (used to sniff extension-less Ollama blobs). */
    public static boolean hasMagic(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    return false;
                }
            }
            b.flip();
            return b.getInt() == MAGIC_LE;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads the header of {@code path}. */
    public GgufFile read(Path path) throws GgufException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch, path, ch.size());
        } catch (IOException e) {
            throw new GgufException(path, -1, "cannot open: " + e.getMessage(), e);
        }
    }

    /** Reads a header from an open channel of {@code size} bytes; {@code path} names it in errors. */
    public GgufFile read(SeekableByteChannel channel, Path path, long size) throws GgufException {
        GgufInput in = new GgufInput(channel, path, size, limits.maxHeaderBytes());
        in.order(ByteOrder.LITTLE_ENDIAN);
        if (size < 4 || in.i32("magic") != MAGIC_LE) {
            throw new GgufException(path, 0, "not a GGUF file (wrong magic)");
        }
        long version = in.u32("version");
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (version != 2 && version != 3) {
            long swapped = Integer.reverseBytes((int) version) & 0xFFFF_FFFFL;
            if (swapped == 2 || swapped == 3) {
                order = ByteOrder.BIG_ENDIAN;
                in.order(order);
                version = swapped;
            } else if (version == 1) {
                throw new GgufException(path, 4, "GGUF version 1 (2023 draft format) is not supported");
            } else {
                throw new GgufException(path, 4, "unsupported GGUF version " + version);
            }
        }
        long tensorCount = count(in, "tensor count", limits.maxTensors(), 24);
        long kvCount = count(in, "metadata count", limits.maxMetadataEntries(), 13);

        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, GgufValueType> types = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = string(in, limits.maxKeyBytes(), "key of metadata entry " + i);
            GgufValueType type = valueType(in, "type of " + key);
            if (metadata.containsKey(key)) {
                throw in.error("duplicate metadata key " + key);
            }
            metadata.put(key, value(in, type, key, 0));
            types.put(key, type);
        }

        long alignment = DEFAULT_ALIGNMENT;
        if (metadata.containsKey("general.alignment")) {
            Object a = metadata.get("general.alignment");
            if (!(a instanceof Long l) || types.get("general.alignment") != GgufValueType.UINT32
                    || l == 0 || Long.bitCount(l) != 1) {
                throw new GgufException(path, -1, "general.alignment must be a u32 power of two, got " + a);
            }
            alignment = l;
        }

        List<GgufTensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 4096));
        for (long i = 0; i < tensorCount; i++) {
            tensors.add(tensorInfo(in, i, alignment));
        }
        long dataOffset = alignUp(in.position(), alignment);
        long dataBytes = size - dataOffset;
        for (GgufTensorInfo t : tensors) {
            if (t.offset() > dataBytes || t.bytes() > dataBytes - t.offset()) {
                throw new GgufException(path, dataOffset + t.offset(), "truncated: data of tensor " + t.name()
                        + " (" + t.bytes() + " bytes at data offset " + t.offset() + ") extends past the end of the file ("
                        + size + " bytes)");
            }
        }
        return new GgufFile(path, size, (int) version, order, metadata, types, tensors, alignment, dataOffset);
    }

    private static long alignUp(long offset, long alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    /** A u64 count, checked against its limit and against {@code minBytes} per item left in the file. */
    private static long count(GgufInput in, String what, long limit, long minBytes) throws GgufException {
        long n = in.i64(what);
        if (n < 0 || n > limit) {
            throw in.error(what + " " + Long.toUnsignedString(n) + " exceeds the limit of " + limit);
        }
        if (n > in.remaining() / minBytes) {
            throw in.error("truncated or corrupt: " + what + " " + n + " cannot fit in the " + in.remaining()
                    + " bytes left in the file");
        }
        return n;
    }

    private String string(GgufInput in, int maxBytes, String what) throws GgufException {
        long len = in.i64("length of " + what);
        if (len < 0 || len > maxBytes) {
            throw in.error("declared length " + Long.toUnsignedString(len) + " of " + what
                    + " exceeds the limit of " + maxBytes + " bytes");
        }
        return in.utf8((int) len, what);
    }

    private static GgufValueType valueType(GgufInput in, String what) throws GgufException {
        long id = in.u32(what);
        return GgufValueType.byId(id).orElseThrow(() -> in.error("unknown value type " + id + " for " + what));
    }

    private Object value(GgufInput in, GgufValueType type, String key, int depth) throws GgufException {
        switch (type) {
            case UINT8: return in.u8(key);
            case INT8: return in.i8(key);
            case UINT16: return in.u16(key);
            case INT16: return in.i16(key);
            case UINT32: return in.u32(key);
            case INT32: return in.i32(key);
            case FLOAT32: return in.f32(key);
            case BOOL: {
                int b = in.u8(key);
                if (b > 1) {
                    throw in.error("bool value " + b + " of " + key + " is neither 0 nor 1");
                }
                return b == 1;
            }
            case STRING: return string(in, limits.maxStringBytes(), "value of " + key);
            case UINT64: {
                long v = in.i64(key);
                return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
            }
            case INT64: return in.i64(key);
            case FLOAT64: return in.f64(key);
            case ARRAY: return array(in, key, depth + 1);
            default: throw in.error("unhandled value type " + type);
        }
    }

    private GgufArray array(GgufInput in, String key, int depth) throws GgufException {
        if (depth > limits.maxArrayDepth()) {
            throw in.error("arrays nested deeper than " + limits.maxArrayDepth() + " in " + key);
        }
        GgufValueType elementType = valueType(in, "element type of " + key);
        long length = in.i64("length of " + key);
        if (length < 0 || length > limits.maxArrayElements()) {
            throw in.error("declared array length " + Long.toUnsignedString(length) + " of " + key
                    + " exceeds the limit of " + limits.maxArrayElements());
        }
        if (length > in.remaining() / elementType.minBytes()) {
            throw in.error("truncated or corrupt: declared array length " + length + " of " + key + " cannot fit in the "
                    + in.remaining() + " bytes left in the file");
        }
        boolean retain = length <= limits.retainedArrayElements();
        List<Object> values = retain ? new ArrayList<>((int) length) : List.of();
        if (!retain && elementType != GgufValueType.STRING && elementType != GgufValueType.ARRAY) {
            in.skip(length * elementType.minBytes(), key);
            return new GgufArray(elementType, length, values, false);
        }
        for (long i = 0; i < length; i++) {
            if (!retain && elementType == GgufValueType.STRING) {
                long len = in.i64("length of " + key + "[" + i + "]");
                if (len < 0 || len > limits.maxStringBytes()) {
                    throw in.error("declared length " + Long.toUnsignedString(len) + " of " + key + "[" + i
                            + "] exceeds the limit of " + limits.maxStringBytes() + " bytes");
                }
                in.skip(len, key + "[" + i + "]");
                continue;
            }
            Object v = value(in, elementType, key + "[" + i + "]", depth);
            if (retain) {
                values.add(v);
            }
        }
        return new GgufArray(elementType, length, values, retain);
    }

    private GgufTensorInfo tensorInfo(GgufInput in, long index, long alignment) throws GgufException {
        String name = string(in, limits.maxKeyBytes(), "name of tensor " + index);
        long nDims = in.u32("dimension count of " + name);
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw in.error("tensor " + name + " declares " + nDims + " dimensions (1 to " + MAX_DIMS + " allowed)");
        }
        List<Long> dims = new ArrayList<>((int) nDims);
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long n = in.i64("dimension " + d + " of " + name);
            if (n < 0) {
                throw in.error("tensor " + name + " dimension " + d + " is " + Long.toUnsignedString(n) + " (too large)");
            }
            dims.add(n);
            try {
                elements = Math.multiplyExact(elements, n);
            } catch (ArithmeticException e) {
                throw in.error("tensor " + name + " has more elements than fit in 63 bits");
            }
        }
        long typeId = in.u32("type of " + name);
        GgmlType type = GgmlType.byId(typeId)
                .orElseThrow(() -> in.error("tensor " + name + " has unknown or removed ggml type " + typeId));
        long offset = in.i64("offset of " + name);
        if (offset < 0 || offset % alignment != 0) {
            throw in.error("tensor " + name + " offset " + Long.toUnsignedString(offset)
                    + " is not a multiple of the alignment " + alignment);
        }
        if (dims.get(0) % type.blockSize() != 0) {
            throw in.error("tensor " + name + " row of " + dims.get(0) + " elements is not a multiple of the "
                    + type + " block size " + type.blockSize());
        }
        long bytes;
        try {
            bytes = type.bytesFor(elements);
        } catch (ArithmeticException e) {
            throw in.error("tensor " + name + ": " + e.getMessage());
        }
        return new GgufTensorInfo(name, dims, type, offset, bytes);
    }
}
