package dev.fitd.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.inventory.files.GgufScanner;
import dev.fitd.inventory.files.GgufScannerTest;
import dev.fitd.inventory.gguf.GgufBuilder;
import dev.fitd.inventory.lmstudio.LmStudioFixtures;
import dev.fitd.inventory.ollama.OllamaFixtures;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import dev.fitd.inventory.source.RuntimeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InventoryJoinerTest {
    @TempDir
    Path dir;

    static ModelSpec spec(String key, ModelType type, String... aliases) {
        return spec(key, type, 8_000_000_000L, aliases);
    }

    /** An entry of {@code params} parameters: the resolver vetoes copies whose stated size disagrees. */
    static ModelSpec spec(String key, ModelType type, long params, String... aliases) {
        Architecture arch = new Architecture(32, 4096, 14336, null, 32, 8, 128, null, null, 128256, false, null, null, null,
                null, null, null);
        return new ModelSpec(key, key, key.substring(0, key.indexOf('/')), "p", type, "llama", params, null,
                false, false, "8B", LocalDate.of(2024, 7, 23), "x", 131072, type == ModelType.EMBEDDING ? UseCase.EMBEDDING : UseCase.CHAT,
                "instruct", null, new Capabilities(false, true, null), List.of("gguf"), List.of(aliases), null, null, arch);
    }

    static final Catalog CATALOG = new Catalog(List.of(
            spec("meta-llama/Llama-3.1-8B-Instruct", ModelType.LLM, "llama3.1:8b", "llama3.1:8b-instruct",
                    "meta-llama/llama-3.1-8b", "lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF",
                    "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", "mlx-community/Meta-Llama-3.1-8B-Instruct-4bit"),
            spec("google/gemma-4-26B-A4B", ModelType.LLM, 25_800_000_000L),
            spec("google/gemma-3-270m-it", ModelType.LLM, 268_000_000L, "gemma3:270m", "lmstudio-community/gemma-3-270m-it-qat-GGUF"),
            spec("deepseek-ai/DeepSeek-R1", ModelType.LLM, 671_000_000_000L, "deepseek-r1:671b"),
            spec("nomic-ai/nomic-embed-text-v1.5", ModelType.EMBEDDING, 137_000_000L, "nomic-embed-text",
                    "text-embedding-nomic-embed-text-v1.5-embedding"),
            // two entries sharing a base name: neither may be joined by base name alone
            spec("Qwen/Qwen3-8B", ModelType.LLM),
            spec("someone/Qwen3-8B", ModelType.LLM)));

    private final InventoryJoiner joiner = new InventoryJoiner(CATALOG);

    static InstalledModel installed(RuntimeKind runtime, String id, String publisher, String variant) {
        return new InstalledModel(runtime, id, null, publisher, null, null, null, null, null, null, null, null, null,
                null, null, null, variant, null);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource({
            "LMSTUDIO, google/gemma-4-26b-a4b, google, google/gemma-4-26B-A4B",
            "LMSTUDIO, gemma-3-270m-it-qat, lmstudio-community, google/gemma-3-270m-it",
            "LMSTUDIO, deepseek-r1, deepseek, deepseek-ai/DeepSeek-R1",
            "LMSTUDIO, text-embedding-nomic-embed-text-v1.5-embedding, gaianet, nomic-ai/nomic-embed-text-v1.5",
            "LMSTUDIO, meta-llama-3.1-8b-instruct, lmstudio-community, meta-llama/Llama-3.1-8B-Instruct",
            "OLLAMA, llama3.1:8b, , meta-llama/Llama-3.1-8B-Instruct",
            "OLLAMA, llama3.1:8b-instruct-q8_0, , meta-llama/Llama-3.1-8B-Instruct",
            "OLLAMA, nomic-embed-text:latest, , nomic-ai/nomic-embed-text-v1.5",
            "OLLAMA, hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M, , meta-llama/Llama-3.1-8B-Instruct",
            "GGUF, lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF/Meta-Llama-3.1-8B-Instruct-Q4_K_M, lmstudio-community, meta-llama/Llama-3.1-8B-Instruct",
            "GGUF, Meta-Llama-3.1-8B-Instruct-Q6_K, , meta-llama/Llama-3.1-8B-Instruct",
            "JAN, Llama-3.1-8B-Instruct-Q4_K_M, , meta-llama/Llama-3.1-8B-Instruct",
            "LMSTUDIO, mlx-community/Meta-Llama-3.1-8B-Instruct-8bit, mlx-community, meta-llama/Llama-3.1-8B-Instruct",
            "LMSTUDIO, qwen/qwen3-8b, qwen, Qwen/Qwen3-8B",
            "GGUF, unsloth/Qwen3-8B-GGUF/Qwen3-8B-Q4_K_M, unsloth, ",
            "OLLAMA, llama3.1:70b, , ",
            "OLLAMA, llama3.2:latest, , ",
    })
    void matchesThroughKeysAliasesAndNormalisedNames(RuntimeKind runtime, String id, String publisher, String expected) {
        Optional<ModelSpec> m = joiner.match(installed(runtime, id, publisher, null));
        assertEquals(expected == null ? Optional.empty() : Optional.of(expected), m.map(ModelSpec::key));
    }

    @Test
    void selectedVariantCounts() {
        assertEquals("google/gemma-4-26B-A4B", joiner.match(installed(RuntimeKind.LMSTUDIO, "gemma-4-local", null,
                "google/gemma-4-26b-a4b@q4_k_m")).orElseThrow().key());
    }

    @Test
    void lmStudioSeed000JoinsOntoRowsWithItsLoadedInstance() {
        RuntimeListing l = LmStudioFixtures.v1("lmstudio/v1-seed-000.json");
        RuntimeInventory inv = new RuntimeInventory(l.installed(), l.loaded(), List.of(), Instant.EPOCH);
        JoinedInventory j = joiner.join(inv);

        ModelPresence gemma = j.presence("google/gemma-4-26B-A4B");
        assertTrue(gemma.installed());
        assertTrue(gemma.loaded());
        assertEquals(4, gemma.firstLoaded().orElseThrow().parallel());
        assertEquals("Q4_K_M", gemma.preferred().orElseThrow().quantization());
        assertEquals(17990911801L, gemma.preferred().orElseThrow().sizeBytes());

        assertTrue(j.presence("deepseek-ai/DeepSeek-R1").installed());
        assertFalse(j.presence("deepseek-ai/DeepSeek-R1").loaded());
        assertTrue(j.presence("nomic-ai/nomic-embed-text-v1.5").installed());
        assertFalse(j.presence("meta-llama/Llama-3.1-8B-Instruct").installed());
        assertEquals(ModelPresence.NONE, j.presence("meta-llama/Llama-3.1-8B-Instruct"));
        assertTrue(j.uncatalogued().isEmpty());
    }

    @Test
    void oneModelInSeveralRuntimesIsOneRowWithEveryCopy() {
        InstalledModel ollama = installed(RuntimeKind.OLLAMA, "llama3.1:8b-instruct-q8_0", null, null);
        InstalledModel lm = new InstalledModel(RuntimeKind.LMSTUDIO, "meta-llama-3.1-8b-instruct", null, "lmstudio-community",
                null, "llama", "Q4_K_M", 4.0, 4_920_734_016L, null, "gguf", "8B", 131072, null, null, null, null, null);
        LoadedInstance ps = new LoadedInstance(RuntimeKind.OLLAMA, "llama3.1:8b-instruct-q8_0", null, 8192, null, null, null,
                null, null, 9_000_000_000L, 9_000_000_000L, null);
        JoinedInventory j = joiner.join(new RuntimeInventory(List.of(ollama, lm), List.of(ps), List.of(), Instant.EPOCH));
        ModelPresence p = j.presence("meta-llama/Llama-3.1-8B-Instruct");
        assertEquals(List.of(RuntimeKind.LMSTUDIO, RuntimeKind.OLLAMA), p.installedIn().stream().map(InstalledModel::runtime).toList());
        assertEquals(1, p.loadedInstances().size());
        assertEquals(RuntimeKind.OLLAMA, p.preferred().orElseThrow().runtime(), "the loaded copy decides the figures");
    }

    @Test
    void anUnknownModelWithGgufFactsGetsAnExactSyntheticSpec() throws Exception {
        Path models = Files.createDirectories(dir.resolve("pub/Tiny-Chat-GGUF"));
        GgufBuilder b = GgufScannerTest.model("llama", "Tiny Chat", 15);
        b.write(models.resolve("Tiny-Chat-Q4_K_M.gguf"));
        List<InstalledModel> files = new GgufScanner(new RuntimeSettings.Gguf(true, false, List.of(dir), null, 0), dir)
                .scan(new ArrayList<>());
        InstalledModel lm = new InstalledModel(RuntimeKind.LMSTUDIO, "pub/tiny-chat", "Tiny Chat", "pub", null, "llama",
                "Q4_K_M", 4.0, b.tensorBytes() + 1000, null, "gguf", "1M", 8192, null, null, null, null, null);
        JoinedInventory j = joiner.join(new RuntimeInventory(List.of(lm, files.get(0)), List.of(), List.of(), Instant.EPOCH));

        assertEquals(1, j.uncatalogued().size(), "LM Studio's entry and its file are one row");
        LocalModel local = j.uncatalogued().get(0);
        assertEquals("pub/Tiny-Chat-GGUF/Tiny-Chat-Q4_K_M", local.key(), "the file is the preferred copy");
        assertEquals(MemoryBasis.EXACT, local.memoryBasis());
        assertEquals(b.tensorBytes(), local.weightsBytes());
        assertEquals(2, local.arch().layers());
        assertEquals(1, local.arch().kvHeads());
        ModelSpec s = local.toModelSpec().orElseThrow();
        assertEquals("llama", s.architecture());
        assertEquals(8192, s.maxContextLength());
        assertEquals(UseCase.GENERAL, s.useCase());
        assertEquals(List.of("pub/tiny-chat"), s.aliases());
        assertEquals(2, local.presence().installedIn().size());
    }

    @Test
    void anUnknownModelWithoutMetadataHasExactWeightsAndUnknownKv() {
        RuntimeListing l = LmStudioFixtures.v1("lmstudio/v1-seed-001.json");
        JoinedInventory j = new InventoryJoiner(new Catalog(List.of())).join(
                new RuntimeInventory(l.installed(), l.loaded(), List.of(), Instant.EPOCH));
        assertEquals(2, j.uncatalogued().size());
        LocalModel gemma = j.uncatalogued().get(0);
        assertEquals("gemma-3-270m-it-qat", gemma.key());
        assertEquals("Gemma 3 270m Instruct Qat", gemma.displayName());
        assertEquals("gemma3", gemma.architecture());
        assertEquals("Q4_0", gemma.quantization());
        assertEquals(241410208L, gemma.weightsBytes());
        assertEquals(270_000_000L, gemma.params());
        assertEquals(32768, gemma.maxContextLength());
        assertEquals(MemoryBasis.WEIGHTS_ONLY, gemma.memoryBasis());
        assertNull(gemma.arch());
        assertTrue(gemma.toModelSpec().isEmpty());
        assertTrue(gemma.notes().stream().anyMatch(n -> n.contains("KV cache unknown")), gemma.notes().toString());
        assertTrue(gemma.presence().loaded());
        assertEquals(ModelType.EMBEDDING, j.uncatalogued().get(1).type());
    }

    @Test
    void ollamaShowFactsMakeAnUncataloguedOllamaModelExact() {
        InstalledModel m = OllamaFixtures.tags("ollama/tags.json").installed().get(0)
                .withGguf(OllamaFixtures.showFacts("ollama/show-llama3.2.json"));
        List<LoadedInstance> ps = OllamaFixtures.ps("ollama/ps.json");
        JoinedInventory j = joiner.join(new RuntimeInventory(List.of(m), ps, List.of(), Instant.EPOCH));
        LocalModel local = j.uncatalogued().get(0);
        assertEquals("llama3.2:latest", local.key());
        assertEquals(MemoryBasis.EXACT, local.memoryBasis());
        assertEquals(2019393189L, local.weightsBytes());
        assertEquals(3212749888L, local.params());
        assertEquals(28, local.arch().layers());
        assertEquals(4096, local.presence().firstLoaded().orElseThrow().contextLength());
        assertEquals(131072, local.toModelSpec().orElseThrow().maxContextLength());
    }

    @Test
    void lmStudioSeed001JoinsBothModelsOfTheIssueOntoTheBundledCatalog() {
        Catalog bundled = new Catalog(new dev.fitd.catalog.CatalogLoader().readBundled().stream()
                .flatMap(f -> f.models().stream()).toList());
        RuntimeListing l = LmStudioFixtures.v1("lmstudio/v1-seed-001.json");
        JoinedInventory j = new InventoryJoiner(bundled).join(new RuntimeInventory(l.installed(), l.loaded(), List.of(), Instant.EPOCH));

        ModelPresence gemma = j.presence("google/gemma-3-270m-it");
        assertTrue(gemma.installed(), "gemma-3-270m-it-qat is google/gemma-3-270m-it's QAT weights");
        assertTrue(gemma.loaded());
        InstalledModel qat = gemma.preferred().orElseThrow();
        assertEquals("Q4_0", qat.quantization(), "graded at its own quantization");
        assertEquals(241410208L, qat.sizeBytes(), "and its own installed size");
        assertEquals("normalised", j.matchedBy(qat));

        ModelPresence nomic = j.presence("nomic-ai/nomic-embed-text-v1.5");
        assertTrue(nomic.installed());
        assertEquals("normalised", j.matchedBy(nomic.installedIn().get(0)));
        assertTrue(j.uncatalogued().isEmpty(), "no 'not in the catalog' rows left: " + j.uncatalogued());
    }
}
