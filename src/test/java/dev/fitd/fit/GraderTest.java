package dev.fitd.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.DeviceUse;
import dev.fitd.estimate.EstimateBasis;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.MemoryBreakdown;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.QuantType;
import dev.fitd.estimate.RunMode;
import dev.fitd.estimate.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The fit-level rules and the score, on hand-made estimates. */
class GraderTest {
    private static final FitThresholds T = FitThresholds.DEFAULTS;

    /** An estimate whose fullest device is {@code utilization} full. */
    static ModelEstimate estimate(RunMode mode, String quant, double utilization, Double tps, int usableContext) {
        boolean fits = mode != RunMode.NONE;
        long capacity = 100L << 30;
        long used = (long) (utilization * capacity);
        boolean gpu = mode != RunMode.CPU_ONLY && mode != RunMode.NONE;
        List<DeviceUse> devices = List.of(new DeviceUse(gpu ? "GPU" : "system RAM", gpu ? 0 : -1, used, 0, 0, capacity,
                capacity, 32));
        return new ModelEstimate(quant, InferenceRuntime.LLAMACPP,
                new ModelEstimate.Size(QuantType.parse(quant).bitsPerWeight(), used, 131072),
                new MemoryBreakdown(used, 0, 0),
                new ModelEstimate.Placement(mode, fits, gpu ? 32 : 0, gpu ? 0 : 32, 0, capacity, devices),
                fits ? new ModelEstimate.Speed(tps, 1000.0, new EstimateBasis("test", List.of(1000.0), 0.8, 3, 4096, 1),
                        "llama-bench") : ModelEstimate.Speed.UNKNOWN,
                new ModelEstimate.Context(8192, usableContext), List.of());
    }

    @ParameterizedTest(name = "{0} {1} {2} full, {3} tok/s: {4}")
    @CsvSource({
            "GPU, Q4_K_M, 0.50, 50, PERFECT",
            "GPU, Q4_0, 0.50, 50, PERFECT",            // every standard 4-bit format counts as optimal
            "GPU, F16, 0.80, 50, PERFECT",             // the 80 % edge is still comfortable
            "GPU, Q4_K_M, 0.85, 50, GOOD",             // less than 20 % left: good, not perfect
            "GPU, Q4_K_M, 0.95, 50, MARGINAL",         // fits only barely
            "GPU, Q3_K_M, 0.50, 50, GOOD",             // below 4-bit: good at best
            "GPU, Q2_K, 0.50, 50, MARGINAL",           // heavy quantization
            "GPU, IQ2_XXS, 0.30, 80, MARGINAL",
            "GPU, Q8_0, 0.50, 5, MARGINAL",            // runs slowly even on a GPU
            "MULTI_GPU, Q8_0, 0.70, 25, PERFECT",
            "UNIFIED, MLX_4BIT, 0.60, 30, PERFECT",
            "MOE_OFFLOAD, Q4_K_M, 0.95, 30, GOOD",     // offload packs the GPU on purpose; speed decides
            "MOE_OFFLOAD, Q4_K_M, 0.95, 6, MARGINAL",
            "PARTIAL_OFFLOAD, Q4_K_M, 0.95, 12, GOOD", // offload that stays fast
            "PARTIAL_OFFLOAD, Q8_0, 0.90, 3, MARGINAL",
            "CPU_ONLY, Q4_K_M, 0.30, 25, GOOD",        // a small model on a CPU box can be good, never perfect
            "CPU_ONLY, Q4_K_M, 0.30, 5, MARGINAL",
            "CPU_ONLY, Q4_K_M, 0.95, 25, MARGINAL",
            "NONE, Q2_K, 1.50, 0, TOO_TIGHT",
    })
    void levels(RunMode mode, String quant, double util, double tps, FitLevel expected) {
        ModelSpec m = TestModels.llama3_8b();
        assertEquals(expected, Grader.level(m, estimate(mode, quant, util, tps, 8192), T));
    }

    @Test
    void embeddingModelsAreNotJudgedOnDecodeSpeed() {
        ModelSpec nomic = TestModels.nomicEmbed();
        assertEquals(FitLevel.GOOD, Grader.level(nomic, estimate(RunMode.CPU_ONLY, "F16", 0.05, 2.0, 2048), T));
        assertEquals(FitLevel.PERFECT, Grader.level(nomic, estimate(RunMode.GPU, "F16", 0.05, 2.0, 2048), T));
    }

    @Test
    void thresholdsAreConfigurable() {
        FitThresholds lenient = new FitThresholds(0.9, 0.95, QuantType.Q3_K_M, QuantType.Q2_K, 1);
        ModelSpec m = TestModels.llama3_8b();
        assertEquals(FitLevel.PERFECT, Grader.level(m, estimate(RunMode.GPU, "Q3_K_M", 0.88, 5.0, 8192), lenient));
        assertEquals(FitLevel.GOOD, Grader.level(m, estimate(RunMode.CPU_ONLY, "Q2_K", 0.5, 2.0, 8192), lenient));
    }

    @ParameterizedTest
    @EnumSource(UseCase.class)
    void weightsSumToOne(UseCase u) {
        UseCaseWeights w = UseCaseWeights.of(u);
        assertEquals(1.0, w.quality() + w.speed() + w.fit() + w.context(), 1e-9);
    }

    @Test
    void scoreComponentsAndTotalStayWithin0And100() {
        ModelSpec m = TestModels.llama3_8b();
        for (RunMode mode : RunMode.values()) {
            for (String q : List.of("F16", "Q4_K_M", "IQ1_S")) {
                Score s = Grader.score(m, estimate(mode, q, 0.7, 40.0, 131072), T, UseCase.CHAT);
                for (double v : new double[] {s.total(), s.quality(), s.speed(), s.fit(), s.context()}) {
                    assertTrue(v >= 0 && v <= 100, mode + " " + q + ": " + s);
                }
            }
        }
    }

    @Test
    void tooTightRowsScoreBelowAnythingRunnable() {
        ModelSpec big = TestModels.deepseekV3();
        ModelSpec small = TestModels.tinyLlama();
        Score tight = Grader.score(big, estimate(RunMode.NONE, "Q2_K", 3, null, 0), T, UseCase.CHAT);
        Score slow = Grader.score(small, estimate(RunMode.CPU_ONLY, "Q4_K_M", 0.9, 3.0, 2048), T, UseCase.CHAT);
        assertTrue(tight.total() <= 10, tight.toString());
        assertTrue(slow.total() > tight.total(), slow + " vs " + tight);
    }

    @Test
    void fasterAndRoomierScoresHigherForTheSameModel() {
        ModelSpec m = TestModels.llama3_8b();
        Score good = Grader.score(m, estimate(RunMode.GPU, "Q4_K_M", 0.5, 100.0, 131072), T, UseCase.CHAT);
        Score worse = Grader.score(m, estimate(RunMode.PARTIAL_OFFLOAD, "Q4_K_M", 0.95, 8.0, 4096), T, UseCase.CHAT);
        assertTrue(good.total() > worse.total() + 15, good + " vs " + worse);
        assertEquals(100, good.speed());
        assertEquals(100, good.fit());
        assertEquals(100, good.context());
    }

    @Test
    void useCaseChangesTheWeighting() {
        ModelSpec m = TestModels.llama3_8b();
        ModelEstimate shortContext = estimate(RunMode.GPU, "Q4_K_M", 0.5, 100.0, 8192);
        double chat = Grader.score(m, shortContext, T, UseCase.CHAT).total();
        double coding = Grader.score(m, shortContext, T, UseCase.CODING).total();
        assertTrue(chat > coding, "coding wants 32k of context: " + chat + " vs " + coding);
    }

    @Test
    void capabilityGrowsWithEffectiveParameters() {
        assertEquals(58.1, Grader.capability(TestModels.llama3_8b()), 0.1);
        double moe = Grader.capability(TestModels.qwen3_30b_a3b()); // sqrt(30.5 x 3.3) = 10 B effective
        assertTrue(moe > 58 && moe < 62, "" + moe);
        assertEquals(1.0, Grader.quantQuality(TestModels.gptOss20b(), "MXFP4"), 1e-9);
        assertTrue(Grader.quantQuality(TestModels.llama3_8b(), "MXFP4") < 0.95);
    }
}
