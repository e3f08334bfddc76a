package dev.fitd.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.NameResolver.Evidence;
import dev.fitd.catalog.NameResolver.MatchKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameResolverTest {
    static final Catalog CATALOG = new Catalog(Bundled.models().toList());
    final NameResolver names = CATALOG.names();

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', value = {
            "meta-llama/Llama-3.1-8B-Instruct | meta-llama/Llama-3.1-8B-Instruct | EXACT",
            "META-LLAMA/llama-3.1-8b-instruct | meta-llama/Llama-3.1-8B-Instruct | EXACT",
            "llama3.1:8b | meta-llama/Llama-3.1-8B-Instruct | ALIAS",
            "Llama 3.1 8B Instruct | meta-llama/Llama-3.1-8B-Instruct | ALIAS",
            "gemma-3-270m-it-qat | google/gemma-3-270m-it | NORMALISED",
            "text-embedding-nomic-embed-text-v1.5-embedding | nomic-ai/nomic-embed-text-v1.5 | NORMALISED",
            "qwen2.5:7b-instruct-q4_K_M | Qwen/Qwen2.5-7B-Instruct | NORMALISED",
            "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf | meta-llama/Llama-3.1-8B-Instruct | NORMALISED",
            "unsloth/Meta-Llama-3.1-8B-Instruct-GGUF | meta-llama/Llama-3.1-8B-Instruct | NORMALISED",
            "Qwen3-235B-A22B-Instruct-2507-Q4_K_M-00001-of-00003.gguf | Qwen/Qwen3-235B-A22B-Instruct-2507 | NORMALISED",
    })
    void theIssuesNamesResolveAndSayHow(String name, String key, MatchKind how) {
        NameResolver.Resolution r = names.resolve(name).orElseThrow(() -> new AssertionError(name + " did not resolve"));
        assertEquals(key, r.model().key());
        assertEquals(how, r.how());
    }

    @ParameterizedTest
    @CsvSource({"Llama-3.1-8B-Instrcut", "Qwen3-7B", "llama3.1:13b", "Qwen3.5-8B", "deepseek-r1:latest"})
    void typosAndNearMissesResolveToNothing(String name) {
        assertEquals(Optional.empty(), names.resolve(name));
    }

    @Test
    void sizeAndVariantMustAgree() {
        // 8B never joins 70B, base never instruct, Qwen2.5 never Qwen3, an embedding never an LLM
        assertEquals("meta-llama/Llama-3.1-70B-Instruct", names.resolve("Meta-Llama-3.1-70B-Instruct-Q4_K_M.gguf").orElseThrow().model().key());
        assertEquals("meta-llama/Llama-3.1-8B", names.resolve("Meta-Llama-3.1-8B-Q4_K_M.gguf").orElseThrow().model().key());
        assertEquals("Qwen/Qwen3-8B", names.resolve("Qwen3-8B-Q4_K_M.gguf").orElseThrow().model().key());
        assertEquals(Optional.empty(), names.resolve("Qwen3-8B-Embedding"));
        assertEquals(Optional.empty(), names.resolve("llama-3.1-8b-instruct-embedding"));
    }

    @Test
    void evidenceVetoesAMatchItContradicts() {
        Evidence says70b = new Evidence(null, null, "70B", null, null, null, null);
        assertEquals(Optional.empty(), names.resolve(List.of("llama3.1:8b"), says70b));
        Evidence embedding = new Evidence(ModelType.EMBEDDING, null, null, null, null, null, null);
        assertEquals(Optional.empty(), names.resolve(List.of("Qwen3-8B-Q4_K_M"), embedding));
        Evidence lmStudio = new Evidence(ModelType.LLM, null, "270M", "gemma3", null, null, null);
        assertEquals("google/gemma-3-270m-it", names.resolve(List.of("gemma-3-270m-it-qat"), lmStudio).orElseThrow().model().key());
        Evidence wrongArch = new Evidence(null, 8_030_000_000L, null, "qwen2", null, null, null);
        assertEquals(Optional.empty(), names.resolve(List.of("Meta-Llama-3.1-8B-Instruct-Q4_K_M"), wrongArch));
    }

    @Test
    void ggufMetadataNamesAFileWhateverItIsCalled() {
        Evidence md = new Evidence(null, 8_030_261_248L, null, "llama", "Meta-Llama-3.1", "8B", "Instruct");
        NameResolver.Resolution r = names.resolve(List.of("model-q4", "my-models/model-q4"), md).orElseThrow();
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", r.model().key());
        assertEquals(MatchKind.GGUF_METADATA, r.how());
        // a fine-tune's metadata names the fine-tune, which the catalog does not have
        Evidence hermes = new Evidence(null, 8_030_261_248L, null, "llama", "Hermes-3-Llama-3.1", "8B", null);
        assertEquals(Optional.empty(), names.resolve(List.of("hermes"), hermes));
    }

    @Test
    void aTypoGetsTheNearestNames() {
        List<String> s = names.suggestions("Llama-3.1-8B-Instrcut", 3);
        assertEquals("meta-llama/Llama-3.1-8B-Instruct", s.get(0));
        assertTrue(s.size() <= 3);
        assertEquals(List.of(), names.suggestions("zzzzzzzzzzzzzzzzzzzzzzzzzzzzz", 3));
    }

    @Test
    void oneIndexPerCatalogInstance() {
        assertSame(CATALOG.names(), CATALOG.names());
        Catalog reloaded = new Catalog(CATALOG.models());
        assertNotSame(CATALOG.names(), reloaded.names());
    }

    @Test
    void editDistanceCountsASwapAsOne() {
        assertEquals(1, NameSuggestions.distance("instrcut", "instruct"));
        assertEquals(0, NameSuggestions.distance("a", "a"));
        assertEquals(3, NameSuggestions.distance("", "abc"));
    }

    @Test
    void namesThatDisagreeWithTheEvidenceMatchNothing() {
        // an Ollama id saying Llama 3.1 8B whose GGUF metadata says Llama 3.2 3B: inconsistent, so no row
        Evidence llama32 = new Evidence(null, 3_212_749_888L, "3.2B", "llama", "Llama-3.2", "3B", "Instruct");
        assertEquals(Optional.empty(), names.resolve(List.of("llama3.1:8b-instruct-q8_0", "Llama-3.2-3B-Instruct"), llama32));
        // the same metadata with an id that agrees joins
        assertEquals("meta-llama/Llama-3.2-3B-Instruct",
                names.resolve(List.of("llama3.2:latest", "Llama-3.2-3B-Instruct"), llama32).orElseThrow().model().key());
    }
}
