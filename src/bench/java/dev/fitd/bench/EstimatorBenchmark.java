package dev.fitd.bench;

import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.CatalogLoader;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.RooflineEstimator;
import dev.fitd.estimate.TestMachines;
import dev.fitd.fit.DefaultFitEvaluator;
import dev.fitd.fit.FitThresholds;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareOverrides;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one uncached API request costs in the estimator and grader: the bundled catalog graded against a
 * snapshot (what {@code /api/v1/models} does on a cache miss), the same for a what-if machine and context
 * ({@code ?gpu=NVIDIA GeForce RTX 3090&gpu_count=2&max_context=32768}), and one model ({@code /models/{name}}).
 * JSON rendering and HTTP are not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EstimatorBenchmark {
    private List<ModelSpec> models;
    private DefaultFitEvaluator evaluator;
    private HardwareSnapshot desktop;
    private HardwareSnapshot laptop;
    private HardwareSnapshot apple;
    private HardwareOverrides whatIf;
    private EstimateRequest whatIfRequest;
    private ModelSpec one;

    @Setup
    public void setUp() {
        Catalog catalog = new CatalogLoader().load(List.of());
        models = catalog.models();
        evaluator = new DefaultFitEvaluator(new RooflineEstimator(), FitThresholds.DEFAULTS);
        desktop = TestMachines.desktop4090();
        laptop = TestMachines.cpuLaptop();
        apple = TestMachines.m2Max64();
        whatIf = new HardwareOverrides(128.0, 24.0, 16, "NVIDIA GeForce RTX 3090", 2);
        whatIfRequest = new EstimateRequest(32768, null, null, null, null);
        one = catalog.find("meta-llama/Llama-3.1-8B-Instruct").orElse(models.get(0));
    }

    /** Catalog size, for the report. */
    public int catalogSize() {
        return models.size();
    }

    @Benchmark
    public void fullCatalogRtx4090(Blackhole bh) {
        for (ModelSpec m : models) {
            bh.consume(evaluator.evaluate(m, desktop, EstimateRequest.DEFAULTS));
        }
    }

    @Benchmark
    public void fullCatalogCpuLaptop(Blackhole bh) {
        for (ModelSpec m : models) {
            bh.consume(evaluator.evaluate(m, laptop, EstimateRequest.DEFAULTS));
        }
    }

    @Benchmark
    public void fullCatalogAppleM2Max(Blackhole bh) {
        for (ModelSpec m : models) {
            bh.consume(evaluator.evaluate(m, apple, EstimateRequest.DEFAULTS));
        }
    }

    /** A what-if request: derive the hypothetical machine, then grade the catalog at 32k context on it. */
    @Benchmark
    public void whatIfFullCatalog(Blackhole bh) {
        HardwareSnapshot hw = HardwareDerivation.apply(desktop, whatIf);
        for (ModelSpec m : models) {
            bh.consume(evaluator.evaluate(m, hw, whatIfRequest));
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object oneModel() {
        return evaluator.evaluate(one, desktop, whatIfRequest);
    }
}
