package dev.fitd.query;

import static dev.fitd.query.TestRows.model;
import static dev.fitd.query.TestRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowSelectorTest {

    static final ModelSpec LLAMA8 = model("meta-llama/Llama-3.1-8B-Instruct", "Meta", UseCase.CHAT, 8_030_000_000L,
            131072, "2024-07-23", List.of("llama3.1:8b"));
    static final ModelSpec LLAMA70 = model("meta-llama/Llama-3.3-70B-Instruct", "Meta", UseCase.CHAT, 70_600_000_000L,
            131072, "2024-12-06", List.of("llama3.3:70b"));
    static final ModelSpec CODER = model("Qwen/Qwen2.5-Coder-7B-Instruct", "Alibaba Qwen", UseCase.CODING,
            7_620_000_000L, 32768, "2024-09-19", List.of("qwen2.5-coder:7b"));
    static final ModelSpec QWQ = model("Qwen/QwQ-32B", "Alibaba Qwen", UseCase.REASONING, 32_800_000_000L, 131072,
            "2025-03-05", List.of("qwq:32b"));
    static final ModelSpec NOMIC = model("nomic-ai/nomic-embed-text-v1.5", "Nomic AI", UseCase.EMBEDDING,
            137_000_000L, 8192, "2024-02-10", List.of("nomic-embed-text:v1.5"));
    static final ModelSpec GEMMA = model("google/gemma-3-27b-it", "Google", UseCase.MULTIMODAL, 27_000_000_000L,
            131072, "2025-03-12", List.of("gemma3:27b"));

    final RowSelector selector = new RowSelector();

    List<FitResult> rows() {
        return List.of(
                row(LLAMA8, FitLevel.PERFECT, 90, 120.0, 6, 24, InferenceRuntime.LLAMACPP),
                row(LLAMA70, FitLevel.TOO_TIGHT, 10, null, 45, 24, InferenceRuntime.LLAMACPP),
                row(CODER, FitLevel.GOOD, 80, 130.0, 5, 24, InferenceRuntime.LLAMACPP),
                row(QWQ, FitLevel.MARGINAL, 55, 15.0, 20, 24, InferenceRuntime.MLX),
                row(NOMIC, FitLevel.PERFECT, 70, 900.0, 1, 24, InferenceRuntime.LLAMACPP),
                row(GEMMA, FitLevel.GOOD, 75, 35.0, 17, 24, InferenceRuntime.LLAMACPP));
    }

    List<String> keys(ModelQuery q) {
        return selector.select(q, rows()).rows().stream().map(r -> r.model().key()).toList();
    }

    ModelQuery q(Endpoint e, String... kv) {
        return QueryParserTest.PARSER.parse(e, null, QueryParserTest.params(kv));
    }

    @Test
    void modelsListsEverythingByScore() {
        // LLMs rank before embedding models in the score order (issue 14), too_tight rows last.
        assertEquals(List.of(LLAMA8.key(), CODER.key(), GEMMA.key(), QWQ.key(), NOMIC.key(), LLAMA70.key()),
                keys(q(Endpoint.MODELS)));
    }

    @Test
    void topLeavesOutTooTightAndLimitsToFive() {
        Selection s = selector.select(q(Endpoint.TOP), rows());
        assertEquals(4, s.totalModels());  // /top ranks LLMs: the embedding model is not among them
        assertEquals(4, s.rows().size());
        assertFalse(s.rows().stream().anyMatch(r -> r.level() == FitLevel.TOO_TIGHT));
    }

    @Test
    void limitIsAppliedAfterFilteringAndSortingAndTotalCountsBeforeIt() {
        Selection s = selector.select(q(Endpoint.MODELS, "sort", "tps", "limit", "2"), rows());
        assertEquals(6, s.totalModels());
        assertEquals(List.of(CODER.key(), LLAMA8.key()), s.rows().stream().map(r -> r.model().key()).toList());
        Selection zero = selector.select(q(Endpoint.MODELS, "limit", "0"), rows());
        assertEquals(6, zero.totalModels());
        assertTrue(zero.rows().isEmpty());
    }

    @Test
    void minFitAndPerfect() {
        assertEquals(List.of(LLAMA8.key(), CODER.key(), GEMMA.key(), NOMIC.key()), keys(q(Endpoint.MODELS, "min_fit", "good")));
        assertEquals(List.of(LLAMA8.key(), NOMIC.key()), keys(q(Endpoint.MODELS, "perfect", "true")));
        assertEquals(List.of(LLAMA8.key(), CODER.key(), GEMMA.key(), QWQ.key(), NOMIC.key()),
                keys(q(Endpoint.MODELS, "include_too_tight", "false")));
        assertEquals(5, keys(q(Endpoint.TOP, "min_fit", "too_tight", "limit", "10")).size());
    }

    @Test
    void eachSortOrder() {
        assertEquals(QWQ.key(), keys(q(Endpoint.MODELS, "sort", "params")).get(0));  // too_tight LLAMA70 sorts last
        assertEquals(NOMIC.key(), keys(q(Endpoint.MODELS, "sort", "mem")).get(0));
        assertEquals(LLAMA70.key(), keys(q(Endpoint.MODELS, "sort", "mem")).get(5));
        // ctx ties (131072 x3 runnable) break on score: llama8 (90) > gemma (75) > qwq (55); too_tight llama70 last.
        assertEquals(List.of(LLAMA8.key(), GEMMA.key(), QWQ.key(), CODER.key(), NOMIC.key(), LLAMA70.key()),
                keys(q(Endpoint.MODELS, "sort", "ctx")));
        assertEquals(List.of(GEMMA.key(), QWQ.key(), CODER.key(), LLAMA8.key(), NOMIC.key(), LLAMA70.key()),
                keys(q(Endpoint.MODELS, "sort", "date")));
        assertEquals(List.of(LLAMA8.key(), CODER.key(), NOMIC.key(), GEMMA.key(), QWQ.key(), LLAMA70.key()),
                keys(q(Endpoint.MODELS, "sort", "use_case")));
        // tps: rows without an estimate sort last.
        assertEquals(LLAMA70.key(), keys(q(Endpoint.MODELS, "sort", "tps")).get(5));
    }

    @Test
    void tooTightRowsSortAfterEveryRunnableRowInEveryOrder() {
        for (SortKey sort : SortKey.values()) {
            List<FitResult> got = selector.select(q(Endpoint.MODELS, "sort", sort.wire()), rows()).rows();
            boolean seenTooTight = false;
            for (FitResult r : got) {
                if (r.level() == FitLevel.TOO_TIGHT) {
                    seenTooTight = true;
                } else {
                    assertFalse(seenTooTight, sort + ": runnable " + r.model().key() + " after a too_tight row");
                }
            }
            assertTrue(seenTooTight, sort.wire());
        }
    }

    @Test
    void minFitComesFirstIncludeTooTightCannotAddBelowIt() {
        // min_fit=good with include_too_tight=true: no marginal rows, so no too_tight rows either.
        assertEquals(List.of(LLAMA8.key(), CODER.key(), GEMMA.key(), NOMIC.key()),
                keys(q(Endpoint.MODELS, "min_fit", "good", "include_too_tight", "true")));
        assertEquals(List.of(LLAMA8.key(), CODER.key(), GEMMA.key(), QWQ.key(), LLAMA70.key()),
                keys(q(Endpoint.TOP, "include_too_tight", "true", "limit", "10")));
        assertEquals(List.of(LLAMA8.key(), CODER.key(), GEMMA.key(), QWQ.key()),
                keys(q(Endpoint.TOP, "min_fit", "marginal", "include_too_tight", "true", "limit", "10")));
    }

    @Test
    void typeFilterAndTheLlmFirstDefault() {
        // /top ranks LLMs unless type or use_case=embedding asks for embedding models.
        assertFalse(keys(q(Endpoint.TOP, "limit", "10")).contains(NOMIC.key()));
        assertEquals(List.of(NOMIC.key()), keys(q(Endpoint.TOP, "type", "embedding")));
        assertEquals(List.of(NOMIC.key()), keys(q(Endpoint.TOP, "use_case", "embed")));
        assertEquals(List.of(NOMIC.key()), keys(q(Endpoint.MODELS, "type", "embeddings")));
        assertEquals(5, keys(q(Endpoint.MODELS, "type", "llm")).size());
        assertEquals(keys(q(Endpoint.MODELS, "type", "llm")), keys(q(Endpoint.MODELS, "type", "generative")));
        // sort=tps does not rank an embedding model by a decode speed it never uses: it follows every LLM.
        List<String> byTps = keys(q(Endpoint.MODELS, "sort", "tps", "include_too_tight", "false"));
        assertEquals(NOMIC.key(), byTps.get(byTps.size() - 1));
        assertEquals(List.of(CODER.key(), LLAMA8.key(), GEMMA.key(), QWQ.key()), byTps.subList(0, 4));
    }

    @Test
    void tiesBreakOnScoreThenKeyWhateverTheInputOrder() {
        ModelSpec a = model("a/model-a", "A", UseCase.CHAT, 1_000_000_000L, 4096, "2024-01-01", List.of());
        ModelSpec b = model("b/model-b", "B", UseCase.CHAT, 1_000_000_000L, 4096, "2024-01-01", List.of());
        ModelSpec c = model("c/model-c", "C", UseCase.CHAT, 1_000_000_000L, 4096, "2024-01-01", List.of());
        List<FitResult> in = new ArrayList<>(List.of(row(c, FitLevel.GOOD, 50), row(a, FitLevel.GOOD, 50),
                row(b, FitLevel.GOOD, 60)));
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(in, random);
            for (String sort : List.of("score", "params", "ctx", "date", "use_case", "mem", "tps")) {
                List<String> got = selector.select(q(Endpoint.MODELS, "sort", sort), in).rows().stream()
                        .map(r -> r.model().key()).toList();
                assertEquals(List.of("b/model-b", "a/model-a", "c/model-c"), got, sort);
            }
        }
    }

    @Test
    void textFilters() {
        assertEquals(List.of(LLAMA8.key(), LLAMA70.key()), keys(q(Endpoint.MODELS, "provider", "META")));
        assertEquals(List.of(CODER.key(), QWQ.key()), keys(q(Endpoint.MODELS, "provider", "qwen")));
        assertEquals(List.of(LLAMA8.key(), LLAMA70.key()), keys(q(Endpoint.MODELS, "search", "llama")));
        assertEquals(List.of(CODER.key()), keys(q(Endpoint.MODELS, "search", "coding")));
        assertEquals(List.of(CODER.key(), GEMMA.key()), keys(q(Endpoint.MODELS, "search", "7B")));
        assertEquals(List.of(LLAMA8.key()), keys(q(Endpoint.MODELS, "search", "llama3.1:8b")));
        assertEquals(List.of(NOMIC.key()), keys(q(Endpoint.MODELS, "use_case", "embed")));
        assertEquals(List.of(QWQ.key()), keys(q(Endpoint.MODELS, "runtime", "mlx")));
        assertEquals(5, keys(q(Endpoint.MODELS, "runtime", "llamacpp")).size());
    }

    @Test
    void pathNameIsAndedWithSearchAndExactMatchesComeFirst() {
        List<FitResult> rows = List.of(row(LLAMA70, FitLevel.GOOD, 95), row(LLAMA8, FitLevel.GOOD, 20));
        ModelQuery exact = QueryParserTest.PARSER.parse(Endpoint.NAME, "meta-llama/Llama-3.1-8B-Instruct", Map.of());
        assertEquals(List.of(LLAMA8.key()), selector.select(exact, rows).rows().stream().map(r -> r.model().key()).toList());
        ModelQuery partial = QueryParserTest.PARSER.parse(Endpoint.NAME, "llama3.1:8b", Map.of());
        assertEquals(LLAMA8.key(), selector.select(partial, rows).rows().get(0).model().key());
        ModelQuery family = QueryParserTest.PARSER.parse(Endpoint.NAME, "llama", Map.of());
        assertEquals(List.of(LLAMA70.key(), LLAMA8.key()),
                selector.select(family, rows).rows().stream().map(r -> r.model().key()).toList());
        ModelQuery anded = QueryParserTest.PARSER.parse(Endpoint.NAME, "llama", QueryParserTest.params("search", "70b"));
        assertEquals(List.of(LLAMA70.key()), selector.select(anded, rows).rows().stream().map(r -> r.model().key()).toList());
        ModelQuery exactName = QueryParserTest.PARSER.parse(Endpoint.NAME, "Llama 3.1 8B Instruct", Map.of());
        assertEquals(LLAMA8.key(), selector.select(exactName, rows).rows().get(0).model().key());
        assertTrue(selector.nameMatchesAny("LLAMA", List.of(LLAMA8)));
        assertFalse(selector.nameMatchesAny("mistral", List.of(LLAMA8)));
    }

    @Test
    void searchSeesAReloadedCatalogsNewAliasesAndDropsTheOld() {
        ModelSpec before = model("acme/Widget-7B", "Acme", UseCase.CHAT, 7_000_000_000L, 8192, "2025-01-01",
                List.of("widget-old-alias"));
        ModelQuery old = q(Endpoint.MODELS, "search", "widget-old-alias");
        ModelQuery fresh = q(Endpoint.MODELS, "search", "widget-new-alias");
        List<FitResult> v1 = List.of(row(before, FitLevel.GOOD, 50));
        assertEquals(1, selector.select(old, v1).totalModels());
        assertEquals(0, selector.select(fresh, v1).totalModels());

        // an overlay reload: same key, new aliases, a new ModelSpec instance
        ModelSpec after = model("acme/Widget-7B", "Acme", UseCase.CHAT, 7_000_000_000L, 8192, "2025-01-01",
                List.of("widget-new-alias"));
        List<FitResult> v2 = List.of(row(after, FitLevel.GOOD, 50));
        assertEquals(0, selector.select(old, v2).totalModels(), "the old alias is no longer searched");
        assertEquals(1, selector.select(fresh, v2).totalModels(), "the new alias is searched at once");
    }

    @Test
    void aResolvedNameIsTheOnlyRowWhateverElseContainsIt() {
        ModelQuery byName = QueryParserTest.PARSER.parse(Endpoint.NAME, "llama3", QueryParserTest.params());
        List<String> substring = selector.select(byName, rows(), Presence.NONE, NameMatch.SUBSTRING).rows().stream()
                .map(r -> r.model().key()).toList();
        assertEquals(List.of(LLAMA8.key(), LLAMA70.key()), substring);
        List<String> single = selector.select(byName, rows(), Presence.NONE, new NameMatch(LLAMA8.key(), "alias"))
                .rows().stream().map(r -> r.model().key()).toList();
        assertEquals(List.of(LLAMA8.key()), single);
    }
}
