package dev.fitd.inventory.gguf;

import dev.fitd.estimate.GgmlType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes small synthetic GGUF files for tests, byte by byte as the GGUF spec lays them out, so the
 * reader is tested without any model download. Raw writers ({@link #rawKv}) allow hostile files.
 */
public final class GgufBuilder {
    private final int version;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private final List<Consumer<Out>> kvs = new ArrayList<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private long alignment = 32;
    private Long tensorCountOverride;
    private Long kvCountOverride;

    private record Tensor(String name, GgmlType type, long[] dims) { }

    public GgufBuilder(int version) { this.version = version; }

    public GgufBuilder bigEndian() {
        order = ByteOrder.BIG_ENDIAN;
        return this;
    }

    public GgufBuilder tensorCount(long n) {
        tensorCountOverride = n;
        return this;
    }

    public GgufBuilder kvCount(long n) {
        kvCountOverride = n;
        return this;
    }

    public GgufBuilder string(String key, String value) {
        return rawKv(key, GgufValueType.STRING, o -> o.str(value));
    }

    public GgufBuilder u32(String key, long value) {
        if (key.equals("general.alignment")) {
            alignment = value;
        }
        return rawKv(key, GgufValueType.UINT32, o -> o.u32(value));
    }

    public GgufBuilder i32(String key, int value) { return rawKv(key, GgufValueType.INT32, o -> o.u32(value)); }

    public GgufBuilder u64(String key, long value) { return rawKv(key, GgufValueType.UINT64, o -> o.u64(value)); }

    public GgufBuilder f32(String key, float value) { return rawKv(key, GgufValueType.FLOAT32, o -> o.f32(value)); }

    public GgufBuilder bool(String key, boolean value) { return rawKv(key, GgufValueType.BOOL, o -> o.u8(value ? 1 : 0)); }

    public GgufBuilder stringArray(String key, String... values) {
        return rawKv(key, GgufValueType.ARRAY, o -> {
            o.u32(GgufValueType.STRING.id());
            o.u64(values.length);
            for (String v : values) {
                o.str(v);
            }
        });
    }

    public GgufBuilder i32Array(String key, int... values) {
        return rawKv(key, GgufValueType.ARRAY, o -> {
            o.u32(GgufValueType.INT32.id());
            o.u64(values.length);
            for (int v : values) {
                o.u32(v);
            }
        });
    }

    /** A key-value whose value bytes are written by {@code value} (after key and type). */
    public GgufBuilder rawKv(String key, GgufValueType type, Consumer<Out> value) {
        kvs.add(o -> {
            o.str(key);
            o.u32(type.id());
            value.accept(o);
        });
        return this;
    }

    /** A key-value written entirely by the caller (hostile or unusual encodings). */
    public GgufBuilder raw(Consumer<Out> entry) {
        kvs.add(entry);
        return this;
    }

    public GgufBuilder tensor(String name, GgmlType type, long... dims) {
        tensors.add(new Tensor(name, type, dims));
        return this;
    }

    /** Exact data bytes of the tensors added so far. */
    public long tensorBytes() {
        long sum = 0;
        for (Tensor t : tensors) {
            sum += bytes(t);
        }
        return sum;
    }

    /** Data bytes of a tensor, without the reader's checks (hostile tensors must still be writable). */
    private static long bytes(Tensor t) {
        long n = elements(t.dims);
        return Math.max(0, n / t.type.blockSize() * t.type.blockBytes());
    }

    private static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** The whole file: header, padding, zero-filled tensor data. */
    public byte[] build() {
        Out o = new Out(order);
        o.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        o.u32(version);
        o.u64(tensorCountOverride != null ? tensorCountOverride : tensors.size());
        o.u64(kvCountOverride != null ? kvCountOverride : kvs.size());
        kvs.forEach(kv -> kv.accept(o));
        long offset = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            o.str(t.name);
            o.u32(t.dims.length);
            for (long d : t.dims) {
                o.u64(d);
            }
            o.u32(t.type.id());
            o.u64(offset);
            offsets.add(offset);
            long bytes = bytes(t);
            offset += (bytes + alignment - 1) / alignment * alignment;
        }
        while (o.size() % alignment != 0) {
            o.u8(0);
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            long bytes = bytes(t);
            long padded = i == tensors.size() - 1 ? bytes : (bytes + alignment - 1) / alignment * alignment;
            o.bytes(new byte[(int) padded]);
        }
        return o.toByteArray();
    }

    public Path write(Path file) throws java.io.IOException {
        Files.write(file, build());
        return file;
    }

    /** A little byte sink with GGUF primitives. */
    public static final class Out {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;

        Out(ByteOrder order) { this.order = order; }

        private ByteBuffer buf(int n) { return ByteBuffer.allocate(n).order(order); }

        public Out u8(int v) {
            out.write(v);
            return this;
        }

        public Out u32(long v) {
            out.writeBytes(buf(4).putInt((int) v).array());
            return this;
        }

        public Out u64(long v) {
            out.writeBytes(buf(8).putLong(v).array());
            return this;
        }

        public Out f32(float v) {
            out.writeBytes(buf(4).putFloat(v).array());
            return this;
        }

        public Out f64(double v) {
            out.writeBytes(buf(8).putDouble(v).array());
            return this;
        }

        public Out u16(int v) {
            out.writeBytes(buf(2).putShort((short) v).array());
            return this;
        }

        public Out str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            return bytes(b);
        }

        public Out bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() { return out.size(); }

        byte[] toByteArray() { return out.toByteArray(); }
    }
}
