package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelSpec;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known llama.cpp file sizes (as llama-bench prints them, GiB) are reproduced within 3 % (the brief); they land within 1 %, which is what is asserted. */
class WeightSizerTest {
    private static final double GIB = 1L << 30;
    private static final Map<String, Supplier<ModelSpec>> MODELS = Map.ofEntries(
            Map.entry("llama3-8b", TestModels::llama3_8b),
            Map.entry("llama2-7b", TestModels::llama2_7b),
            Map.entry("llama-13b", TestModels::llama_13b),
            Map.entry("mistral-7b", TestModels::mistral7b),
            Map.entry("qwen25-3b", () -> TestModels.qwen25_3b(false)),
            Map.entry("qwen25-7b", TestModels::qwen25_7b),
            Map.entry("qwen3-32b", TestModels::qwen3_32b),
            Map.entry("phi2", TestModels::phi2),
            Map.entry("tinyllama", TestModels::tinyLlama),
            Map.entry("gpt-oss-20b", TestModels::gptOss20b),
            Map.entry("gpt-oss-120b", TestModels::gptOss120b),
            Map.entry("qwen3-30b-a3b", TestModels::qwen3_30b_a3b));

    @ParameterizedTest(name = "{0} {1} = {2} GiB")
    @CsvSource({
            // model, quant, llama-bench size GiB (calibration README and the rows of llamacpp-bench.tsv)
            "llama3-8b, Q4_K_M, 4.58",
            "llama3-8b, Q5_K_M, 5.33",
            "llama3-8b, Q8_0, 7.95",
            "llama3-8b, F16, 14.96",
            "llama2-7b, F16, 12.55",
            "llama2-7b, Q8_0, 6.67",
            "llama2-7b, Q6_K, 5.15",
            "llama2-7b, Q5_K_M, 4.45",
            "llama2-7b, Q5_K_S, 4.33",
            "llama2-7b, Q4_K_M, 3.80",
            "llama2-7b, Q4_K_S, 3.59",
            "llama2-7b, Q4_1, 3.95",
            "llama2-7b, Q4_0, 3.56",
            "llama-13b, Q6_K, 9.95",
            "mistral-7b, Q4_0, 3.83",
            "qwen25-3b, Q4_0, 1.70",
            "qwen25-7b, Q8_0, 7.54",
            "qwen3-32b, Q4_K_S, 17.48",
            "phi2, Q4_0, 1.49",
            "tinyllama, Q4_0, 0.59",
            "gpt-oss-20b, MXFP4, 11.27",
            "gpt-oss-120b, MXFP4, 59.02",
            "qwen3-30b-a3b, Q8_0, 30.25",
    })
    void reproducesLlamaBenchSizes(String model, String quant, double gib) {
        WeightBytes w = WeightSizer.size(MODELS.get(model).get(), QuantType.parse(quant));
        double got = w.fileBytes() / GIB;
        assertTrue(Math.abs(got / gib - 1) <= 0.01, model + " " + quant + ": " + got + " GiB vs " + gib);
    }

    @ParameterizedTest(name = "{0}: per-tensor split sums to ParameterCount")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"llama3-8b", "llama2-7b", "qwen25-3b", "phi2", "gpt-oss-20b",
            "qwen3-30b-a3b"})
    void tensorSplitAddsUpToTheCatalogFormula(String model) {
        ModelSpec m = MODELS.get(model).get();
        assertEquals(dev.fitd.catalog.ParameterCount.of(m).total(), new TensorCounts(m).totalParams(), 1.0);
    }

    @org.junit.jupiter.api.Test
    void tensorSplitAddsUpForMlaHybridAndEmbeddingModels() {
        for (ModelSpec m : java.util.List.of(TestModels.deepseekV3(), TestModels.qwen3Next(), TestModels.graniteHybrid(),
                TestModels.nomicEmbed(), TestModels.gemma3_4b())) {
            assertEquals(dev.fitd.catalog.ParameterCount.of(m).total(), new TensorCounts(m).totalParams(), 1.0, m.key());
        }
    }

    @org.junit.jupiter.api.Test
    void attentionOutputGateIsSizedAsPartOfTheQueryTensor() {
        // Qwen3-Next: llama.cpp's attn_q holds query and gate, 2 · 2048 · 16 · 256 = 16,777,216 weights
        ModelSpec m = TestModels.qwen3Next();
        TensorCounts t = new TensorCounts(m);
        int full = 3; // layers 0-2 are Gated DeltaNet, layer 3 full attention
        assertEquals(16_777_216.0, t.attnQ[full], 0.0);
        assertEquals(0.0, t.attnQ[0], 0.0);
        // nothing of the attention is left over for the base-type remainder
        assertEquals(dev.fitd.catalog.ParameterCount.of(m).attentionParamsPerLayer(),
                t.attnQ[full] + t.attnK[full] + t.attnV[full] + t.attnOut[full], 0.0);
        assertEquals(0.0, t.mixerOther[full], 0.0);
    }

    @ParameterizedTest(name = "{0}: {1} bits on the bulk of the weights")
    @CsvSource({"F16, 16", "Q8_0, 8.5", "Q6_K, 6.5625", "Q4_K_M, 4.5", "Q4_0, 4.5", "IQ4_XS, 4.25", "Q3_K_M, 3.4375",
            "Q2_K, 2.625", "IQ2_XXS, 2.0625", "IQ1_S, 1.5625", "MXFP4, 4.25", "MLX_4BIT, 4.5", "MLX_8BIT, 8.5",
            "AWQ_INT4, 4.15625", "GPTQ_INT8, 8.1875", "FP8, 8"})
    void nominalBits(String quant, double bits) {
        assertEquals(bits, QuantType.parse(quant).bitsPerWeight(), 1e-9);
    }
}
