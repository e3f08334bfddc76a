package dev.fitd.service;

import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.MemoryBreakdown;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.RunMode;
import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import dev.fitd.fit.Score;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.inventory.LocalModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows for models a runtime has installed but neither the catalog nor any GGUF metadata describes
 * (LM Studio or Jan listing a model fitd has no file for). Only the installed weight bytes are known:
 * the row says whether those alone fit, and says plainly that the KV cache, overhead and speed are
 * unknown. Such a row is at best {@code marginal} (fitd cannot vouch for what it cannot compute) and
 * scores 0, so it sorts below every estimated row.
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
        InferenceRuntime installedRuntime = "mlx".equalsIgnoreCase(local.format()) ? InferenceRuntime.MLX
                : InferenceRuntime.LLAMACPP;
        boolean loadable = forced == null || forced == installedRuntime;
        long weights = local.weightsBytes();
        long vram = 0;
        for (Gpu g : hardware.gpus()) {
            Long usable = g.usableVramBytes();
            vram += usable == null ? 0 : usable;
        }
        long ram = hardware.memory().availableBytes();
        RunMode mode;
        long available;
        if (vram > 0 && weights <= vram) {
            mode = hardware.unifiedMemory() ? RunMode.UNIFIED : hardware.gpus().size() > 1 ? RunMode.MULTI_GPU : RunMode.GPU;
            available = vram;
        } else if (vram > 0 && weights <= vram + ram) {
            mode = RunMode.PARTIAL_OFFLOAD;
            available = vram + ram;
        } else if (weights <= ram) {
            mode = RunMode.CPU_ONLY;
            available = ram;
        } else {
            mode = RunMode.NONE;
            available = Math.max(vram, ram);
        }
        if (!loadable) {
            mode = RunMode.NONE;
        }
        boolean fits = mode != RunMode.NONE;
        List<String> notes = new ArrayList<>(local.notes());
        if (!loadable) {
            notes.add("installed for " + installedRuntime.wire() + ", which " + forced.wire() + " cannot load; without "
                    + "an architecture no " + forced.wire() + " build can be sized");
        }
        notes.add("no architecture is known for this installed model (no catalog entry, no GGUF metadata): "
                + "memory is the installed weights only, a lower bound without KV cache and overhead; speed unknown");
        ModelEstimate e = new ModelEstimate(local.quantization(), local.bitsPerWeight() == null ? 0 : local.bitsPerWeight(),
                loadable ? installedRuntime : forced,
                local.maxContextLength() == null ? 0 : local.maxContextLength(),
                new MemoryBreakdown(weights, 0, 0), available, mode, 0, 0, fits, null, null, 0, null, null, notes);
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
