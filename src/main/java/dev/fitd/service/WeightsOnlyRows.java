package dev.fitd.service;

import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.WeightsOnlyEstimate;
import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import dev.fitd.fit.Score;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.inventory.LocalModel;
import java.util.List;

/**
 * Rows for models a runtime has installed but neither the catalog nor any GGUF metadata describes
 * (LM Studio or Jan listing a model fitd has no file for). Only the installed weight bytes are known:
 * the row says whether those alone fit, and says plainly that the KV cache, overhead and speed are
 * unknown. The estimate, run mode included, is the estimator's ({@link WeightsOnlyEstimate}); this class
 * makes the row around it. Such a row is at best {@code marginal} (fitd cannot vouch for what it cannot
 * compute) and scores 0, so it sorts below every estimated row.
 */
final class WeightsOnlyRows {
    private WeightsOnlyRows() { }

    static FitResult of(LocalModel local, HardwareSnapshot hardware) {
        return of(local, hardware, null);
    }

    /**
     * @param forced the runtime the request forces, or null; when it cannot load the installed weights (MLX and
     *        a GGUF file, llama.cpp and an MLX folder) the row is that runtime's and does not fit: nothing is
     *        known to size a build it could load
     */
    static FitResult of(LocalModel local, HardwareSnapshot hardware, InferenceRuntime forced) {
        ModelEstimate e = WeightsOnlyEstimate.of(local.quantization(), local.bitsPerWeight(), local.format(), forced,
                local.maxContextLength(), local.weightsBytes(), hardware, local.notes());
        boolean fits = e.fits();
        ModelSpec spec = new ModelSpec(local.key(), local.displayName(),
                local.publisher() == null ? "local" : local.publisher(),
                local.publisher() == null ? "local" : local.publisher(), local.type(),
                local.architecture() == null ? "unknown" : local.architecture(),
                local.params() == null ? 0 : local.params(), local.activeParams(), false, false, local.paramsString(), null,
                null, local.maxContextLength() == null ? 0 : local.maxContextLength(),
                local.type() == ModelType.EMBEDDING ? UseCase.EMBEDDING : UseCase.GENERAL, null, null,
                local.capabilities() == null ? new Capabilities(false, false, null) : local.capabilities(),
                local.format() == null ? List.of() : List.of(local.format()), List.of(), null, null, null);
        return new FitResult(spec, e, fits ? FitLevel.MARGINAL : FitLevel.TOO_TIGHT, new Score(0, 0, 0, 0, 0));
    }
}
