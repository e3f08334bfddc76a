package dev.fitd.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog proves itself: every bundled entry's stated parameter count (and, for MoE, active
 * count) is recomputed from its architecture facts with {@link ParameterCount} and must agree within
 * {@value #TOLERANCE_PERCENT} %. A wrong recollection of a model's config shows up here. The counts of
 * the catalog are printed after the run, so no document has to list them.
 */
class CatalogProofTest {
    static final double TOLERANCE_PERCENT = 3.0;

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fitd.catalog.Bundled#entries")
    void stated_parameters_match_the_architecture(String source, ModelSpec model) {
        ParameterCount pc = ParameterCount.of(model);
        check(source, model, "params", model.params(), pc.total());
        if (model.isMoe()) {
            check(source, model, "active_params", model.activeParams(), pc.activeAsPublished());
        }
    }

    private static void check(String source, ModelSpec model, String field, long stated, long computed) {
        double off = 100.0 * (computed - stated) / stated;
        assertTrue(Math.abs(off) <= TOLERANCE_PERCENT, () -> String.format(
                "%s, %s: %s stated %,d, computed %,d (%+.2f %%, tolerance %.0f %%)",
                source, model.key(), field, stated, computed, off, TOLERANCE_PERCENT));
    }

    @Test
    void the_bundled_files_merge_into_one_catalog() {
        assertTrue(new CatalogLoader().load(java.util.List.of()).size() > 0);
    }

    @AfterAll
    static void printCounts() {
        Map<String, Long> byType = count(m -> m.type().wire());
        Map<String, Long> byFile = new TreeMap<>();
        Bundled.files().forEach(f -> byFile.put(f.source(), (long) f.models().size()));
        System.out.printf("%ncatalog: %d entries in %d files; by type %s; MoE %d; vision %d; by use case %s%n",
                Bundled.models().count(), Bundled.files().size(), byType,
                Bundled.models().filter(ModelSpec::isMoe).count(),
                Bundled.models().filter(m -> m.capabilities().vision()).count(), count(m -> m.useCase().wire()));
        byFile.forEach((file, n) -> System.out.printf("  %-50s %4d%n", file, n));
    }

    private static Map<String, Long> count(Function<ModelSpec, String> by) {
        return Bundled.models().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.counting()));
    }
}
