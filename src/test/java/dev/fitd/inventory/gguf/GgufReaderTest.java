package dev.fitd.inventory.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.LayerKind;
import dev.fitd.estimate.GgmlType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GgufReaderTest {
    @TempDir
    Path dir;

    private final GgufReader reader = new GgufReader();

    /** A small llama-shaped v3 file with every value type and several tensor types. */
    static GgufBuilder tinyLlama(int version) {
        return new GgufBuilder(version)
                .string("general.architecture", "llama")
                .string("general.name", "Tiny Llama Test")
                .string("general.size_label", "1M")
                .u32("general.file_type", 15)
                .u32("llama.block_count", 2)
                .u32("llama.context_length", 4096)
                .u32("llama.embedding_length", 256)
                .u32("llama.feed_forward_length", 512)
                .u32("llama.attention.head_count", 4)
                .u32("llama.attention.head_count_kv", 2)
                .u32("llama.attention.key_length", 64)
                .u32("llama.attention.value_length", 64)
                .f32("llama.rope.freq_base", 500000f)
                .rawKv("test.u8", GgufValueType.UINT8, o -> o.u8(200))
                .rawKv("test.i8", GgufValueType.INT8, o -> o.u8(0xFF))
                .rawKv("test.u16", GgufValueType.UINT16, o -> o.u16(65000))
                .rawKv("test.i16", GgufValueType.INT16, o -> o.u16(-2))
                .i32("test.i32", -7)
                .rawKv("test.u64", GgufValueType.UINT64, o -> o.u64(-1L))
                .rawKv("test.i64", GgufValueType.INT64, o -> o.u64(-5L))
                .rawKv("test.f64", GgufValueType.FLOAT64, o -> o.f64(2.5))
                .bool("test.bool", true)
                .rawKv("test.nested", GgufValueType.ARRAY, o -> {
                    o.u32(GgufValueType.ARRAY.id()).u64(2);
                    o.u32(GgufValueType.INT32.id()).u64(2).u32(1).u32(2);
                    o.u32(GgufValueType.STRING.id()).u64(1).str("x");
                })
                .stringArray("tokenizer.ggml.tokens", "<s>", "</s>", "héllo")
                .i32Array("tokenizer.ggml.token_type", 3, 3, 1)
                .tensor("token_embd.weight", GgmlType.Q4_K, 256, 3)
                .tensor("output.weight", GgmlType.Q6_K, 256, 3)
                .tensor("blk.0.attn_norm.weight", GgmlType.F32, 256)
                .tensor("blk.0.attn_q.weight", GgmlType.F16, 256, 4)
                .tensor("blk.0.ffn_down.weight", GgmlType.Q8_0, 512, 4)
                .tensor("blk.1.ffn_gate_exps.weight", GgmlType.MXFP4, 64, 2, 1)
                .tensor("blk.1.attn_k.weight", GgmlType.IQ4_XS, 256, 2);
    }

    @Test
    void readsAValidV3FileWithAllValueTypesAndTensors() throws Exception {
        GgufBuilder b = tinyLlama(3);
        Path file = b.write(dir.resolve("tiny-Q4_K_M.gguf"));
        GgufFile g = reader.read(file);

        assertEquals(3, g.version());
        assertEquals(ByteOrder.LITTLE_ENDIAN, g.byteOrder());
        assertEquals("llama", g.string("general.architecture").orElseThrow());
        assertEquals(200, g.metadata().get("test.u8"));
        assertEquals(-1, g.metadata().get("test.i8"));
        assertEquals(65000, g.metadata().get("test.u16"));
        assertEquals(-2, g.metadata().get("test.i16"));
        assertEquals(-7, g.metadata().get("test.i32"));
        assertEquals(15L, g.metadata().get("general.file_type"));
        assertEquals(new BigInteger("18446744073709551615"), g.metadata().get("test.u64"));
        assertEquals(-5L, g.metadata().get("test.i64"));
        assertEquals(2.5, g.metadata().get("test.f64"));
        assertEquals(500000f, g.metadata().get("llama.rope.freq_base"));
        assertEquals(true, g.metadata().get("test.bool"));
        assertEquals(GgufValueType.UINT64, g.metadataTypes().get("test.u64"));

        GgufArray tokens = (GgufArray) g.metadata().get("tokenizer.ggml.tokens");
        assertEquals(List.of("<s>", "</s>", "héllo"), tokens.values());
        assertEquals(GgufValueType.STRING, tokens.elementType());
        GgufArray nested = (GgufArray) g.metadata().get("test.nested");
        assertEquals(2, nested.length());
        assertEquals(List.of(1, 2), ((GgufArray) nested.values().get(0)).values());
        assertEquals(List.of("x"), ((GgufArray) nested.values().get(1)).values());

        assertEquals(7, g.tensors().size());
        GgufTensorInfo embd = g.tensors().get(0);
        assertEquals("token_embd.weight", embd.name());
        assertEquals(List.of(256L, 3L), embd.dims());
        assertEquals(GgmlType.Q4_K, embd.type());
        assertEquals(0, embd.offset());
        assertEquals(3 * 144, embd.bytes());
        assertEquals(4 * 17, g.tensors().get(5).bytes());
        assertEquals(2 * 136, g.tensors().get(6).bytes());
        assertEquals(b.tensorBytes(), g.tensorBytes());
        assertEquals(0, g.dataOffset() % 32);
        for (GgufTensorInfo t : g.tensors()) {
            assertEquals(0, t.offset() % 32, t.name());
        }
        assertEquals(Files.size(file), g.fileSize());
    }

    @Test
    void derivesExactArchitectureFacts() throws Exception {
        GgufFile g = reader.read(tinyLlama(3).write(dir.resolve("a.gguf")));
        GgufFacts f = g.facts();
        assertEquals("llama", f.architecture());
        assertEquals("Tiny Llama Test", f.name());
        assertEquals("Q4_K_M", f.fileTypeName());
        assertEquals(2, f.blockCount());
        assertEquals(256L, f.embeddingLength());
        assertEquals(512L, f.feedForwardLength());
        assertEquals(4, f.headCount());
        assertEquals(2, f.headCountKv());
        assertEquals(64, f.keyLength());
        assertEquals(64, f.valueLength());
        assertEquals(4096, f.contextLength());
        assertEquals(3L, f.vocabSize());
        assertEquals(Boolean.FALSE, f.tiedEmbeddings());
        assertNull(f.slidingWindow());
        assertNull(f.expertCount());

        Architecture a = GgufArchitecture.derive(f).architecture();
        assertEquals(2, a.layers());
        assertEquals(2, a.kvHeads());
        assertEquals(64, a.headDim());
        assertNull(a.vHeadDim());
        assertEquals(List.of(LayerKind.FULL), a.layerPattern());
    }

    @Test
    void readsAV2File() throws Exception {
        GgufFile g = reader.read(tinyLlama(2).write(dir.resolve("v2.gguf")));
        assertEquals(2, g.version());
        assertEquals(7, g.tensors().size());
    }

    @Test
    void readsABigEndianV3File() throws Exception {
        GgufBuilder b = tinyLlama(3).bigEndian();
        GgufFile g = reader.read(b.write(dir.resolve("be.gguf")));
        assertEquals(ByteOrder.BIG_ENDIAN, g.byteOrder());
        assertEquals(2L, g.metadata().get("llama.block_count"));
        assertEquals(b.tensorBytes(), g.tensorBytes());
    }

    @Test
    void honoursACustomAlignment() throws Exception {
        GgufBuilder b = new GgufBuilder(3).string("general.architecture", "llama").u32("general.alignment", 64)
                .tensor("a", GgmlType.F32, 3).tensor("b", GgmlType.F32, 5);
        GgufFile g = reader.read(b.write(dir.resolve("align.gguf")));
        assertEquals(64, g.alignment());
        assertEquals(64, g.tensors().get(1).offset());
        assertEquals(0, g.dataOffset() % 64);
    }

    @Test
    void keepsOnlyTheLengthOfLongArrays() throws Exception {
        String[] vocab = new String[50];
        Arrays.fill(vocab, "tok");
        int[] types = new int[50];
        Path file = new GgufBuilder(3).string("general.architecture", "llama")
                .stringArray("tokenizer.ggml.tokens", vocab).i32Array("tokenizer.ggml.token_type", types)
                .string("after", "still read").write(dir.resolve("long.gguf"));
        GgufLimits small = new GgufLimits(1024, 1024, 1000, 4, 100, 100, 1 << 20, 10);
        GgufFile g = new GgufReader(small).read(file);
        GgufArray tokens = (GgufArray) g.metadata().get("tokenizer.ggml.tokens");
        assertEquals(50, tokens.length());
        assertFalse(tokens.retained());
        assertTrue(tokens.values().isEmpty());
        assertEquals(50, ((GgufArray) g.metadata().get("tokenizer.ggml.token_type")).length());
        assertEquals("still read", g.string("after").orElseThrow());
        assertEquals(50L, g.facts().vocabSize());
    }

    @Test
    void wrongMagicIsRejectedNamingTheFile() throws Exception {
        Path file = dir.resolve("notes.gguf");
        Files.writeString(file, "GGML this is not a gguf file at all");
        GgufException e = assertThrows(GgufException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains("notes.gguf"), e.getMessage());
        assertTrue(e.getMessage().contains("wrong magic"), e.getMessage());
        assertFalse(GgufReader.hasMagic(file));
    }

    @Test
    void emptyFileIsRejected() throws Exception {
        Path file = Files.write(dir.resolve("empty.gguf"), new byte[0]);
        assertThrows(GgufException.class, () -> reader.read(file));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 99})
    void unsupportedVersionsAreRejected(int version) throws Exception {
        Path file = new GgufBuilder(version).write(dir.resolve("v.gguf"));
        GgufException e = assertThrows(GgufException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
    }

    @Test
    void everyTruncationOfTheHeaderIsATypedError() throws Exception {
        byte[] full = tinyLlama(3).build();
        GgufFile whole = reader.read(Files.write(dir.resolve("whole.gguf"), full));
        int headerEnd = (int) whole.dataOffset();
        Path file = dir.resolve("cut.gguf");
        for (int len = 0; len < headerEnd; len++) {
            Files.write(file, Arrays.copyOf(full, len));
            try {
                reader.read(file);
                fail("a file cut at " + len + " bytes was accepted");
            } catch (GgufException e) {
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            }
        }
    }

    @Test
    void truncatedTensorDataIsReported() throws Exception {
        byte[] full = tinyLlama(3).build();
        Path file = Files.write(dir.resolve("partial-download.gguf"), Arrays.copyOf(full, full.length - 100));
        GgufException e = assertThrows(GgufException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains("extends past the end of the file"), e.getMessage());
        assertTrue(e.getMessage().contains("partial-download.gguf"), e.getMessage());
    }

    @Test
    void hugeDeclaredStringLengthIsRejectedBeforeAllocating() throws Exception {
        Path file = new GgufBuilder(3)
                .raw(o -> o.u64(1L << 62).bytes(new byte[32])).write(dir.resolve("hostile-key.gguf"));
        assertMessage(file, "exceeds the limit");
        Path value = new GgufBuilder(3)
                .rawKv("general.name", GgufValueType.STRING, o -> o.u64(Long.MAX_VALUE)).write(dir.resolve("hostile-value.gguf"));
        assertMessage(value, "exceeds the limit");
        Path fits = new GgufBuilder(3)
                .rawKv("general.name", GgufValueType.STRING, o -> o.u64(1_000_000)).write(dir.resolve("short.gguf"));
        assertMessage(fits, "truncated");
    }

    @Test
    void hugeDeclaredCountsAreRejected() throws Exception {
        assertMessage(new GgufBuilder(3).tensorCount(Long.MAX_VALUE).write(dir.resolve("t.gguf")), "tensor count");
        assertMessage(new GgufBuilder(3).tensorCount(50_000).write(dir.resolve("t2.gguf")), "cannot fit");
        assertMessage(new GgufBuilder(3).kvCount(-1).write(dir.resolve("k.gguf")), "metadata count");
        assertMessage(new GgufBuilder(3).rawKv("arr", GgufValueType.ARRAY, o -> o.u32(GgufValueType.UINT64.id()).u64(1L << 40))
                .write(dir.resolve("a.gguf")), "array length");
        assertMessage(new GgufBuilder(3).rawKv("arr", GgufValueType.ARRAY, o -> o.u32(GgufValueType.INT32.id()).u64(1000))
                .write(dir.resolve("a2.gguf")), "cannot fit");
    }

    @Test
    void hostileTensorInfosAreRejected() throws Exception {
        assertMessage(new GgufBuilder(3).tensor("t", GgmlType.F32, 1, 1, 1, 1, 1).write(dir.resolve("dims.gguf")), "dimensions");
        assertMessage(new GgufBuilder(3).tensor("t", GgmlType.F32, 1L << 40, 1L << 40).write(dir.resolve("overflow.gguf")),
                "63 bits");
        assertMessage(new GgufBuilder(3).tensor("t", GgmlType.Q4_K, 100).write(dir.resolve("block.gguf")), "block size");
        byte[] b = new GgufBuilder(3).tensorCount(1).build();
        GgufBuilder.Out o = new GgufBuilder.Out(ByteOrder.LITTLE_ENDIAN);
        o.bytes(Arrays.copyOf(b, 24)).str("t").u32(1).u64(32).u32(4).u64(0).bytes(new byte[64]);
        Path removed = Files.write(dir.resolve("removed-type.gguf"), o.toByteArray());
        assertMessage(removed, "unknown or removed ggml type 4");
    }

    @Test
    void badMetadataIsRejected() throws Exception {
        assertMessage(new GgufBuilder(3).rawKv("x", GgufValueType.BOOL, o -> o.u8(7)).write(dir.resolve("b.gguf")), "neither 0 nor 1");
        assertMessage(new GgufBuilder(3).raw(o -> o.str("x").u32(42)).write(dir.resolve("t.gguf")), "unknown value type 42");
        assertMessage(new GgufBuilder(3).string("k", "a").string("k", "b").write(dir.resolve("d.gguf")), "duplicate");
        assertMessage(new GgufBuilder(3).u32("general.alignment", 24).write(dir.resolve("al.gguf")), "power of two");
        assertMessage(new GgufBuilder(3).raw(o -> o.u64(2).bytes(new byte[] {(byte) 0xC3, 0x28}).u32(8).str("v"))
                .write(dir.resolve("utf.gguf")), "UTF-8");
        assertMessage(new GgufBuilder(3).rawKv("deep", GgufValueType.ARRAY, o -> {
            for (int i = 0; i < 6; i++) {
                o.u32(GgufValueType.ARRAY.id()).u64(1);
            }
            o.u32(GgufValueType.UINT8.id()).u64(0);
        }).write(dir.resolve("deep.gguf")), "nested deeper");
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() throws IOException {
        byte[] full = tinyLlama(3).build();
        Random random = new Random(42);
        Path file = dir.resolve("fuzz.gguf");
        int parsed = 0;
        int rejected = 0;
        for (int round = 0; round < 1500; round++) {
            byte[] b = full.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int at = random.nextInt(Math.min(b.length, 1200));
                b[at] = (byte) random.nextInt(256);
            }
            Files.write(file, b);
            try {
                reader.read(file);
                parsed++;
            } catch (GgufException e) {
                rejected++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("round " + round + " escaped with " + e, e);
            }
        }
        assertEquals(1500, parsed + rejected);
        assertTrue(rejected > 0);
    }

    @Test
    void sniffsTheMagicOfExtensionlessBlobs() throws Exception {
        Path blob = tinyLlama(3).write(dir.resolve("sha256-0123abcd"));
        assertTrue(GgufReader.hasMagic(blob));
        assertFalse(GgufReader.hasMagic(dir.resolve("missing")));
    }

    @Test
    void metadataFromOllamaAndGgufGiveTheSameFacts() {
        Map<String, Object> jackson = Map.of("general.architecture", "qwen3moe", "qwen3moe.block_count", 48L,
                "qwen3moe.expert_count", 128L, "qwen3moe.expert_used_count", 8L,
                "qwen3moe.expert_feed_forward_length", 768L, "qwen3moe.embedding_length", 2048L,
                "qwen3moe.attention.head_count", 32L, "qwen3moe.attention.head_count_kv", 4L,
                "qwen3moe.attention.key_length", 128L, "qwen3moe.feed_forward_length", 6144L);
        GgufFacts f = GgufFacts.fromMetadata(jackson, null);
        Architecture a = GgufArchitecture.derive(f).architecture();
        assertEquals(128, a.moe().experts());
        assertEquals(8, a.moe().expertsPerToken());
        assertEquals(768, a.moe().expertFfnSize());
        assertEquals(0, a.ffnSize(), "no dense layers: ffn_size 0");
        assertEquals(128, a.headDim());
    }

    @Test
    void slidingWindowLayoutComesFromMetadataOrLlamaCppsTable() {
        GgufFacts gemma = GgufFacts.fromMetadata(Map.of("general.architecture", "gemma3", "gemma3.block_count", 26L,
                "gemma3.embedding_length", 1152L, "gemma3.attention.head_count", 4L,
                "gemma3.attention.head_count_kv", 1L, "gemma3.attention.key_length", 256L,
                "gemma3.attention.sliding_window", 512L), null);
        GgufArchitecture.Result r = GgufArchitecture.derive(gemma);
        assertEquals(List.of(LayerKind.SLIDING, LayerKind.SLIDING, LayerKind.SLIDING, LayerKind.SLIDING,
                LayerKind.SLIDING, LayerKind.FULL), r.architecture().layerPattern());
        assertEquals(512, r.architecture().slidingWindow());
        assertTrue(r.notes().get(0).contains("built-in"));

        GgufFacts unknown = GgufFacts.fromMetadata(Map.of("general.architecture", "newarch", "newarch.block_count", 4L,
                "newarch.embedding_length", 64L, "newarch.attention.head_count", 4L,
                "newarch.attention.sliding_window", 128L), null);
        GgufArchitecture.Result u = GgufArchitecture.derive(unknown);
        assertEquals(List.of(LayerKind.FULL), u.architecture().layerPattern());
        assertTrue(u.notes().get(0).contains("upper bound"));

        GgufFacts declared = GgufFacts.fromMetadata(Map.of("general.architecture", "x", "x.block_count", 4L,
                "x.embedding_length", 64L, "x.attention.head_count", 4L, "x.attention.sliding_window", 128L,
                "x.attention.sliding_window_pattern", List.of(true, false)), null);
        assertEquals(List.of(LayerKind.SLIDING, LayerKind.FULL), GgufArchitecture.derive(declared).architecture().layerPattern());
    }

    @Test
    void missingFactsGiveNoArchitecture() {
        GgufArchitecture.Result r = GgufArchitecture.derive(GgufFacts.fromMetadata(Map.of("general.architecture", "llama"), null));
        assertNull(r.architecture());
        assertFalse(r.notes().isEmpty());
    }

    private void assertMessage(Path file, String expected) {
        GgufException e = assertThrows(GgufException.class, () -> reader.read(file));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertInstanceOf(Path.class, e.file());
    }
}
