package dev.fitd.query;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.EstimateBasis;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.MemoryBreakdown;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.RunMode;
import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import dev.fitd.fit.Score;
import java.time.LocalDate;
import java.util.List;

/** Hand-made graded rows for grammar tests: every figure is chosen by the test, none computed. */
final class TestRows {
    private TestRows() { }

    static ModelSpec model(String key, String provider, UseCase useCase, long params, int ctx, String date,
                           List<String> aliases) {
        String publisher = key.substring(0, key.indexOf('/'));
        String name = key.substring(key.indexOf('/') + 1).replace('-', ' ');
        Architecture arch = new Architecture(32, 4096, 14336, null, 32, 8, 128, null, null, 128256, false, null, null,
                null, null, null, null);
        return new ModelSpec(key, name, publisher, provider, useCase == UseCase.EMBEDDING ? ModelType.EMBEDDING : ModelType.LLM,
                "llama", params, null, false, false, (params / 1_000_000_000) + "B", date == null ? null : LocalDate.parse(date),
                "test", ctx, useCase, "instruct", null, new Capabilities(false, false, null), List.of("gguf"),
                aliases, null, null, arch);
    }

    static FitResult row(ModelSpec m, FitLevel level, double score, Double tps, long requiredGb, long availableGb,
                         InferenceRuntime runtime) {
        long gib = 1L << 30;
        boolean fits = level != FitLevel.TOO_TIGHT;
        ModelEstimate e = new ModelEstimate("Q4_K_M", runtime, new ModelEstimate.Size(4.89, requiredGb * gib, 0),
                new MemoryBreakdown(requiredGb * gib, 0, 0),
                new ModelEstimate.Placement(fits ? RunMode.GPU : RunMode.NONE, fits, 32, 0, 0, availableGb * gib, List.of()),
                new ModelEstimate.Speed(tps, null, new EstimateBasis("test", List.of(1000.0), 0.6, 5, 8192, 1), "llama-bench"),
                new ModelEstimate.Context(8192, 8192), List.of());
        return new FitResult(m, e, level, new Score(score, score, score, score, score));
    }

    static FitResult row(ModelSpec m, FitLevel level, double score) {
        return row(m, level, score, 10.0, 4, 24, InferenceRuntime.LLAMACPP);
    }
}
