package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.RunMode;
import dev.fitd.estimate.TestModels;
import dev.fitd.fit.FitLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The llmfit vocabulary of a row, against llmfit's own tables (serve_shared.rs, fit.rs, models.rs). */
class LlmfitRowFieldsTest {

    @Test
    void labelsAreLlmfits() {
        assertEquals(List.of("Perfect", "Good", "Marginal", "Too Tight"),
                List.of(FitLevel.values()).stream().map(LlmfitRowFields::fitLabel).toList());
        assertEquals(List.of("GPU", "GPU", "GPU", "CPU+GPU", "MoE", "CPU", "None"),
                List.of(RunMode.values()).stream().map(LlmfitRowFields::runModeLabel).toList());
        assertEquals(List.of("llama.cpp", "MLX"),
                List.of(InferenceRuntime.values()).stream().map(LlmfitRowFields::runtimeLabel).toList());
    }

    @Test
    void ggufSourcesAndTheOllamaTagComeFromTheAliases() {
        List<String> aliases = List.of("llama3.1:8b", "llama3.1:latest", "meta-llama/Meta-Llama-3.1-8B-Instruct",
                "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", "mlx-community/Meta-Llama-3.1-8B-Instruct-4bit",
                "unsloth/Llama-3.1-8B-Instruct-gguf");
        assertEquals(List.of(new LlmfitRowFields.GgufSource("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", "bartowski"),
                new LlmfitRowFields.GgufSource("unsloth/Llama-3.1-8B-Instruct-gguf", "unsloth")),
                LlmfitRowFields.ggufSources(aliases));
        assertEquals("llama3.1:8b", LlmfitRowFields.ollamaName(aliases));
        assertNull(LlmfitRowFields.ollamaName(List.of("Qwen/Qwen2.5-7B-Instruct")));
    }

    /** llmfit's valid_tp_sizes: 1..8 dividing both head counts (Llama 3 8B: 32 query heads, 8 KV heads). */
    @Test
    void tensorParallelDegreesDivideBothHeadCounts() {
        assertEquals(List.of(1, 2, 4, 8), LlmfitRowFields.tpSizes(TestModels.llama3_8b().arch()));
        assertEquals(List.of(1), LlmfitRowFields.tpSizes(null));
    }
}
