package dev.fitd.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.EstimateBasis;
import dev.fitd.estimate.MemoryBreakdown;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.fit.FitResult;
import dev.fitd.fit.Score;
import dev.fitd.query.CategoryLabels;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.ModelPresence;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of a model response, in groups written flat in this order ({@code @JsonUnwrapped}): the vocabulary
 * LM Studio users know (seeds 000–002), the catalog entry, the fit answer, labels, presence, the explanation,
 * then the fields llmfit's serve API adds ({@link LlmfitRowFields}) so its clients can read fitd. The groups
 * follow the wire order, so the JSON is what the flat record wrote.
 * Every {@code _gb} figure is GiB (2^30 bytes); tokens/s are rounded to one decimal. Written by
 * {@link ModelRowSerializer}: a field added here must be added there (its test fails until it is).
 */
@JsonSerialize(using = ModelRowSerializer.class)
public record ModelRow(
        @JsonUnwrapped LmStudio lmStudio,
        @JsonUnwrapped Catalog catalog,
        @JsonUnwrapped Fit fit,
        @JsonUnwrapped Labels labels,
        @JsonUnwrapped Presence presence,
        @JsonUnwrapped Explanation explanation,
        @JsonUnwrapped LlmfitRowFields llmfit) {

    /**
     * LM Studio's vocabulary (its {@code /api/v0/models} row), first on the wire; {@code loaded_instances} is
     * presence in LM Studio's shape.
     */
    public record LmStudio(String type, String publisher, String key, String displayName, String architecture,
                           Quantization quantization, long sizeBytes, String paramsString, int maxContextLength,
                           String format, CapabilitiesView capabilities, List<LoadedView> loadedInstances) { }

    /** The catalog entry: who provides it, its size, the names it answers to and how the asked name matched. */
    public record Catalog(String provider, long params, Long activeParams, List<String> aliases, String matchedBy) { }

    /** The fit answer: level, run mode, score, speed, quant, runtime, memory, layers and context. */
    public record Fit(String fitLevel, String runMode, double score, ScoreView scoreComponents, Double estimatedTps,
                      Double estimatedPrefillTps, String bestQuant, String runtime, MemoryView memory, int gpuLayers,
                      int cpuLayers, int usableContext, int effectiveContextLength) { }

    /** What the model is for and under which terms. */
    public record Labels(String useCase, String category, LocalDate releaseDate, String license) { }

    /** Where the model is installed ({@code installed_stale}: only in runtimes that stopped answering). */
    public record Presence(boolean installed, boolean installedStale, List<InstalledView> installedIn) { }

    /** Why the figures are what they are: notes, how the speed was computed, and how to measure it. */
    public record Explanation(List<String> notes, BasisView estimateBasis, String verifyCommand) { }

    /** LM Studio's quantization object. */
    public record Quantization(String name, double bitsPerWeight) { }

    /** LM Studio's capabilities object ({@code reasoning} absent when the model has no thinking mode). */
    public record CapabilitiesView(boolean vision, boolean trainedForToolUse, Capabilities.Reasoning reasoning) { }

    /** Score components, each 0–100, before use-case weighting. */
    public record ScoreView(double quality, double speed, double fit, double context) { }

    /** Required versus available memory, GiB, with the breakdown. */
    public record MemoryView(double requiredGb, double availableGb, Double utilizationPct, double weightsGb,
                             double kvCacheGb, double overheadGb) { }

    /** How the throughput figure was obtained. */
    public record BasisView(String method, List<Double> bandwidthsGbps, double efficiency, double overheadMs,
                            int contextTokens, long bytesPerToken) { }

    /**
     * One installed copy: which runtime has it, under which id, at which quantization and size; how its
     * name matched the catalog entry ({@code exact}, {@code alias}, {@code normalised}, {@code gguf_metadata};
     * null on a row of a model outside the catalog); and whether its runtime stopped answering
     * ({@code stale}: the copy is the runtime's last good answer).
     */
    public record InstalledView(String runtime, String id, String quantization, Long sizeBytes, String format,
                                String path, String matchedBy, boolean stale) {
        static InstalledView of(InstalledModel m) {
            return of(m, RowContext.NONE);
        }

        static InstalledView of(InstalledModel m, RowContext ctx) {
            return new InstalledView(m.runtime().wire(), m.id(), m.quantization(), m.sizeBytes(), m.format(), m.path(),
                    ctx.inventory().matchedBy(m), ctx.staleRuntimes().contains(m.runtime()));
        }
    }

    /**
     * What a row needs beyond the graded model and its presence.
     *
     * @param matchedBy how the {@code /models/{name}} name matched this row, null on the other endpoints
     * @param inventory the joined inventory (how each installed copy matched)
     * @param staleRuntimes runtimes whose last poll failed, so their installed lists are their last good ones
     */
    public record RowContext(String matchedBy, dev.fitd.inventory.JoinedInventory inventory,
                             java.util.Set<dev.fitd.inventory.source.RuntimeKind> staleRuntimes) {
        public static final RowContext NONE = new RowContext(null, dev.fitd.inventory.JoinedInventory.EMPTY, java.util.Set.of());

        /** The context of one answer: stale runtimes read from the inventory's statuses. */
        public static RowContext of(String matchedBy, dev.fitd.inventory.JoinedInventory inventory) {
            java.util.Set<dev.fitd.inventory.source.RuntimeKind> stale = java.util.EnumSet.noneOf(dev.fitd.inventory.source.RuntimeKind.class);
            for (dev.fitd.inventory.source.RuntimeStatus st : inventory.source().statuses()) {
                if (st.stale()) {
                    stale.add(st.runtime());
                }
            }
            return new RowContext(matchedBy, inventory, stale.isEmpty() ? java.util.Set.of() : stale);
        }
    }

    /** A loaded instance in LM Studio's shape ({@code id}, {@code config{...}}), plus the runtime and memory it holds. */
    public record LoadedView(String runtime, String id, String modelId, LoadedConfig config, Long sizeBytes,
                             Long vramBytes, java.time.Instant expiresAt) {
        static LoadedView of(LoadedInstance i) {
            return new LoadedView(i.runtime().wire(), i.id(), i.modelId(),
                    new LoadedConfig(i.contextLength(), i.evalBatchSize(), i.parallel(), i.flashAttention(),
                            i.numExperts(), i.offloadKvCacheToGpu()),
                    i.sizeBytes(), i.vramBytes(), i.expiresAt());
        }
    }

    /** LM Studio's {@code loaded_instances[].config}. */
    public record LoadedConfig(Integer contextLength, Integer evalBatchSize, Integer parallel, Boolean flashAttention,
                               Integer numExperts, Boolean offloadKvCacheToGpu) { }

    static ModelRow of(FitResult r) {
        return of(r, ModelPresence.NONE);
    }

    static ModelRow of(FitResult r, ModelPresence presence) {
        return of(r, presence, RowContext.NONE);
    }

    /**
     * The row of one graded model. {@code installed_stale} is true when the model is installed only in
     * runtimes that stopped answering (their last good list is kept for
     * {@code fitd.runtimes.stale-installed-ttl}, then dropped and the row is no longer installed).
     */
    static ModelRow of(FitResult r, ModelPresence presence, RowContext ctx) {
        ModelSpec m = r.model();
        boolean stale = !ctx.staleRuntimes().isEmpty() && presence.installed()
                && presence.installedIn().stream().allMatch(i -> ctx.staleRuntimes().contains(i.runtime()));
        ModelEstimate e = r.estimate();
        Score s = r.score();
        MemoryBreakdown mem = e.memory();
        EstimateBasis b = e.basis();
        Capabilities c = m.capabilities();
        MemoryView memory = new MemoryView(Units.gib(mem.totalBytes()), Units.gib(e.availableBytes()),
                Units.round(e.utilizationPercent(), 1), Units.gib(mem.weightsBytes()),
                Units.gib(mem.kvCacheBytes()), Units.gib(mem.overheadBytes()));
        return new ModelRow(
                new LmStudio(m.type().wire(), m.publisher(), m.key(), m.displayName(), m.architecture(),
                        new Quantization(e.quant(), Units.round(e.bitsPerWeight(), 2)), e.fileBytes(), m.paramsString(),
                        m.maxContextLength(), e.runtime() == dev.fitd.estimate.InferenceRuntime.MLX ? "mlx" : "gguf",
                        new CapabilitiesView(c.vision(), c.toolUse(), c.reasoning()),
                        presence.loadedInstances().isEmpty() ? List.of()
                                : presence.loadedInstances().stream().map(LoadedView::of).toList()),
                new Catalog(m.provider(), m.params(), m.activeParams(), m.aliases(), ctx.matchedBy()),
                new Fit(r.level().wire(), e.runMode().wire(), Units.round(s.total(), 1),
                        new ScoreView(Units.round(s.quality(), 1), Units.round(s.speed(), 1), Units.round(s.fit(), 1),
                                Units.round(s.context(), 1)),
                        Units.round(e.decodeTps(), 1), Units.round(e.prefillTps(), 1), e.quant(), e.runtime().wire(),
                        memory, e.gpuLayers(), e.cpuLayers(), e.usableContext(), e.contextTokens()),
                new Labels(m.useCase().wire(), CategoryLabels.of(m.useCase()), m.releaseDate(), m.license()),
                new Presence(presence.installed(), stale, presence.installedIn().isEmpty() ? List.of()
                        : presence.installedIn().stream().map(i -> InstalledView.of(i, ctx)).toList()),
                new Explanation(e.notes(), b == null ? null : new BasisView(b.method(), b.bandwidthsGbps(),
                        b.efficiency(), b.overheadMs(), b.contextTokens(), b.bytesPerToken()), e.verifyCommand()),
                LlmfitRowFields.of(r, memory));
    }
}
