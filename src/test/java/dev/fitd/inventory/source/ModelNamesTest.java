package dev.fitd.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "google/gemma-4-26b-a4b@q4_k_m, google/gemma-4-26b-a4b",
            "lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF, lmstudio-community/meta-llama-3.1-8b-instruct",
            "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf, meta-llama-3.1-8b-instruct",
            "Meta-Llama-3.1-8B-Instruct.Q4_K_M.gguf, meta-llama-3.1-8b-instruct",
            "llama3.1:latest, llama3.1",
            "llama3.1:8b, llama3.1:8b",
            "llama3.1:8b-instruct-q4_K_M, llama3.1:8b-instruct",
            "llama3.1:70b-instruct-q8_0, llama3.1:70b-instruct",
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M, bartowski/llama-3.2-1b-instruct",
            "mlx-community/Meta-Llama-3.1-8B-Instruct-4bit, mlx-community/meta-llama-3.1-8b-instruct",
            "Qwen3-235B-A22B-Q4_K_M-00001-of-00003.gguf, qwen3-235b-a22b",
            "unsloth/gpt-oss-20b-GGUF, unsloth/gpt-oss-20b",
            "gpt-oss-20b-MXFP4.gguf, gpt-oss-20b",
            "Qwen3-8B-UD-Q4_K_XL.gguf, qwen3-8b",
            "gemma-3-270m-it-qat, gemma-3-270m-it-qat",
            "nomic-embed-text-v1.5.f16.gguf, nomic-embed-text-v1.5",
            "DeepSeek-R1, deepseek-r1",
    })
    void canonical(String name, String expected) {
        assertEquals(expected, ModelNames.canonical(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf, Q4_K_M",
            "google/gemma-4-26b-a4b@q4_k_m, Q4_K_M",
            "llama3.1:8b-instruct-q8_0, Q8_0",
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:IQ4_XS, IQ4_XS",
            "mlx-community/Qwen3-4B-4bit, 4bit",
            "model-BF16-00001-of-00002.gguf, BF16",
            "Qwen3-4B-Instruct-2507-Q4_K_M, Q4_K_M",
            "llama3.1:8b, ''",
            "gemma-3-270m-it-qat, ''",
    })
    void quantSuffix(String name, String expected) {
        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), ModelNames.quantSuffix(name));
    }
}
