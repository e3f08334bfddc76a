package dev.fitd.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.RooflineEstimator;
import dev.fitd.estimate.RunMode;
import dev.fitd.estimate.TestMachines;
import dev.fitd.estimate.TestModels;
import org.junit.jupiter.api.Test;

/** Estimator and grader together, as the service constructs them. */
class DefaultFitEvaluatorTest {
    private final DefaultFitEvaluator evaluator = new DefaultFitEvaluator(new RooflineEstimator(), FitThresholds.DEFAULTS);

    @Test
    void smallModelOnABigGpuIsPerfect() {
        FitResult r = evaluator.evaluate(TestModels.llama3_8b(), TestMachines.desktop4090(), EstimateRequest.DEFAULTS);
        assertEquals(FitLevel.PERFECT, r.level());
        assertEquals(RunMode.GPU, r.estimate().runMode());
        assertTrue(r.score().total() > 70, r.score().toString());
    }

    @Test
    void denseModelSpillingToRamIsMarginal() {
        // Q4_K_M forced: left to itself the estimator picks a 2-bit quant that fits the 12 GB card whole (the
        // quant choice is QuantChoiceTest's subject); this test is about grading a spill into RAM
        FitResult r = evaluator.evaluate(TestModels.qwen3_32b(),
                TestMachines.machine(64, 51.2, 8, TestMachines.rtx3060(0)), new EstimateRequest(null, "Q4_K_M", null,
                        null, null));
        assertEquals(RunMode.PARTIAL_OFFLOAD, r.estimate().runMode());
        assertEquals(FitLevel.MARGINAL, r.level());
    }

    @Test
    void moeWithExpertOffloadStaysGood() {
        FitResult r = evaluator.evaluate(TestModels.qwen3_30b_a3b(),
                TestMachines.machine(64, 89.6, 8, TestMachines.rtx3060(0)), new EstimateRequest(null, "Q4_K_M", null,
                        null, null));
        assertEquals(RunMode.MOE_OFFLOAD, r.estimate().runMode());
        assertEquals(FitLevel.GOOD, r.level());
    }

    @Test
    void hugeModelOnALaptopIsTooTight() {
        FitResult r = evaluator.evaluate(TestModels.deepseekV3(), TestMachines.cpuLaptop(), EstimateRequest.DEFAULTS);
        assertEquals(FitLevel.TOO_TIGHT, r.level());
        assertTrue(r.score().total() <= 10);
    }

    @Test
    void nativeMxfp4IsFullQuality() {
        FitResult r = evaluator.evaluate(TestModels.gptOss20b(), TestMachines.desktop4090(), EstimateRequest.DEFAULTS);
        assertEquals(FitLevel.PERFECT, r.level());
        assertEquals(Math.round(Grader.capability(TestModels.gptOss20b()) * 10) / 10.0, r.score().quality(), 0.05);
    }

    @Test
    void scoreCanBeWeightedForAnotherUseCase() {
        FitResult chat = evaluator.evaluate(TestModels.llama3_8b(), TestMachines.cpuLaptop(), EstimateRequest.DEFAULTS,
                UseCase.CHAT);
        FitResult reasoning = evaluator.evaluate(TestModels.llama3_8b(), TestMachines.cpuLaptop(),
                EstimateRequest.DEFAULTS, UseCase.REASONING);
        assertEquals(chat.level(), reasoning.level());
        assertTrue(chat.score().total() != reasoning.score().total());
    }
}
