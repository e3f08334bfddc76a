package dev.fitd.testsupport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.EstimateBasis;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.MemoryBreakdown;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.RunMode;
import dev.fitd.fit.FitEvaluator;
import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import dev.fitd.fit.Score;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Cpu;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.HardwareProbe;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.Memory;
import dev.fitd.query.QueryParser;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Stand-ins for the beans other branches provide (catalog loader, hardware probe, estimator, parser
 * producer), so that the operations tests can boot the application before those branches land.
 * Every producer is a {@link DefaultBean}: as soon as the real bean exists on the classpath it wins
 * and these are ignored. Nothing here is meant to be right about models or hardware; it only has to
 * produce well-formed values. Delete this class once main provides all four beans.
 */
@Singleton
public class InterimBeans {
    private static final long GIB = 1L << 30;

    @Produces
    @Singleton
    @DefaultBean
    Catalog catalog() {
        ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        List<ModelSpec> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("catalog"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("schema.json")).toList()) {
                for (JsonNode m : json.readTree(f.toFile()).path("models")) {
                    models.add(json.treeToValue(m, ModelSpec.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Catalog(models);
    }

    @Produces
    @Singleton
    @DefaultBean
    QueryParser parser() {
        return new QueryParser(Set.of("Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "F16"), Set.of("f16", "q8_0", "q4_0"));
    }

    @Produces
    @Singleton
    @DefaultBean
    HardwareProbe probe() {
        return (previous, version) -> new HardwareSnapshot(version, Instant.now(), "test-node", "Linux",
                new Cpu("Test CPU", 16, 32, 32, "x86_64"), new Memory(64 * GIB, 48 * GIB, null, 80.0),
                List.of(new Gpu(0, "GPU-test", "NVIDIA GeForce RTX 4090", GpuVendor.NVIDIA, Backend.CUDA,
                        24 * GIB, 23 * GIB, false, 1008.0, 165.0, "8.9", "550.54", "interim")),
                Map.of("memory.total", "interim"), List.of());
    }

    @Produces
    @Singleton
    @DefaultBean
    FitEvaluator evaluator() {
        return (model, hw, request) -> {
            long weights = (long) (model.params() * 4.8 / 8);
            long available = hw.gpus().isEmpty() ? hw.memory().availableBytes()
                    : hw.gpus().stream().mapToLong(g -> g.usableVramBytes() == null ? 0 : g.usableVramBytes()).sum();
            int ctx = request.contextTokens() == null ? Math.min(4096, model.maxContextLength())
                    : Math.min(request.contextTokens(), model.maxContextLength());
            MemoryBreakdown mem = new MemoryBreakdown(weights, ctx * 131072L, 512L << 20);
            double u = (double) mem.totalBytes() / Math.max(1, available);
            FitLevel level = u < 0.5 ? FitLevel.PERFECT : u < 0.8 ? FitLevel.GOOD : u <= 1 ? FitLevel.MARGINAL
                    : FitLevel.TOO_TIGHT;
            boolean fits = level != FitLevel.TOO_TIGHT;
            Double tps = fits ? 1000e9 * 0.6 / mem.totalBytes() : null;
            ModelEstimate e = new ModelEstimate("Q4_K_M", 4.8, InferenceRuntime.LLAMACPP, ctx, mem, available,
                    fits ? RunMode.GPU : RunMode.NONE, fits ? 32 : 0, 0, fits, tps, tps == null ? null : tps * 20,
                    fits ? ctx : 0, fits ? new EstimateBasis("interim", List.of(1008.0), 0.6, 0, ctx, weights) : null,
                    "llama-bench -m model.gguf", List.of());
            double score = fits ? 100 * (1 - u / 2) : 0;
            return new FitResult(model, e, level, new Score(score, 50, 50, score, 50));
        };
    }
}
