package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelSpec;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KV cache bytes exactly as llama.cpp allocates them, for the attention layouts that naive formulas get wrong. */
class KvCacheTest {
    private static final Map<String, Supplier<ModelSpec>> MODELS = Map.of(
            "llama3-8b", TestModels::llama3_8b,
            "gemma3-4b", TestModels::gemma3_4b,
            "gemma2-27b", TestModels::gemma2_27b,
            "deepseek-v3", TestModels::deepseekV3,
            "qwen3-next", TestModels::qwen3Next,
            "granite-h", TestModels::graniteHybrid,
            "gpt-oss-20b", TestModels::gptOss20b);

    @ParameterizedTest(name = "{0} {1} ctx {2} x{3} = {4} bytes")
    @CsvSource({
            // Llama-3.1-8B: 32 layers x 8 kv heads x (128 + 128) x 2 B = 128 KiB per token
            "llama3-8b, f16, 8192, 1, 1073741824",        // exactly 1 GiB
            "llama3-8b, f16, 8000, 1, 1073741824",        // padded to 8192 cells
            "llama3-8b, f16, 131072, 1, 17179869184",     // 128k: 16 GiB
            "llama3-8b, q8_0, 8192, 1, 570425344",        // 34/32 B per element
            "llama3-8b, q4_0, 8192, 1, 301989888",        // 18/32 B per element
            "llama3-8b, bf16, 8192, 4, 4294967296",       // four slots, four streams
            // Gemma 3 4B: 5 full + 29 sliding layers, 4 x (256 + 256) x 2 B = 4 KiB per cell;
            // sliding layers hold pad256(1024 + 512) = 1536 cells
            "gemma3-4b, f16, 32768, 1, 853540864",
            "gemma3-4b, f16, 1024, 1, 142606336",         // below the window every layer holds the (padded) context
            // Gemma 2 27B: 23 full + 23 sliding (4096 + 512 = 4608 cells), 16 x 256 x 2 B = 8 KiB per cell
            "gemma2-27b, f16, 8192, 1, 2411724800",
            // DeepSeek-V3 MLA: 61 layers x (512 + 64) x 2 B per cell, no separate V
            "deepseek-v3, f16, 32768, 1, 2302672896",
            // Qwen3-Next: 12 attention layers x 2 x (256 + 256) x 2 B per cell, plus 36 Gated DeltaNet states of
            // 3 x (2 x 16 x 128 + 32 x 128) x 4 B + 32 x 128 x 128 x 4 B = 2195456 B each
            "qwen3-next, f16, 262144, 1, 6521487360",
            "qwen3-next, q8_0, 262144, 1, 3501588480",   // the recurrent state stays f32
            // Granite 4.0-H tiny: 4 attention layers + 36 Mamba2 states of 3 x (3072 + 256) x 4 + 128 x 3072 x 4 B
            "granite-h, f16, 8192, 1, 125169664",
            "granite-h, f16, 8192, 2, 250339328",         // slots multiply the recurrent state too
            // gpt-oss-20b: 12 full + 12 sliding (pad256(128 + 512) = 768 cells), 8 x (64 + 64) x 2 B = 2 KiB per cell
            "gpt-oss-20b, f16, 131072, 1, 3240099840",
    })
    void llamaCppAllocation(String model, String type, int ctx, int slots, long bytes) {
        ModelSpec m = MODELS.get(model).get();
        assertEquals(bytes, new KvCache(m.arch(), KvCacheType.parse(type), 512).totalBytes(ctx, slots));
    }

    @Test
    void slidingWindowIsFarBelowTheNaiveFormula() {
        ModelSpec g = TestModels.gemma3_4b();
        long naive = 34L * 32768 * 4096;
        long actual = new KvCache(g.arch(), KvCacheType.F16, 512).totalBytes(32768, 1);
        assertTrue(naive > 5 * actual, "naive " + naive + " vs " + actual);
    }

    @Test
    void unknownCacheTypeNamesTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KvCacheType.parse("q3"));
        assertEquals("invalid kv_cache value 'q3': use f32|f16|bf16|q8_0|q5_1|q5_0|q4_1|q4_0|iq4_nl", e.getMessage());
    }

    @Test
    void decodeReadsOnlyTheWindowOnSlidingLayers() {
        ModelSpec g = TestModels.gemma3_4b();
        KvCache kv = new KvCache(g.arch(), KvCacheType.F16, 512);
        assertEquals(1024 * 4096.0, kv.layerReadBytes(0, 100_000)); // sliding layer
        assertEquals(100_000 * 4096.0, kv.layerReadBytes(5, 100_000)); // global layer
    }
}
