package dev.fitd.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.estimate.RooflineEstimator;
import dev.fitd.estimate.TestMachines;
import dev.fitd.estimate.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner on plain values: no Quarkus, the real estimator, the bundled device table. */
class HardwarePlannerTest {
    private final HardwarePlanner planner = new HardwarePlanner(
            new DefaultFitEvaluator(new RooflineEstimator(), FitThresholds.DEFAULTS), FitThresholds.DEFAULTS);

    @Test
    void recommendedIsMinimumOverThePerfectUtilization() {
        HardwarePlanner.Plan p = planner.plan(TestModels.llama3_8b(), TestMachines.cpuLaptop(),
                new HardwarePlanner.Request(8192, null, null, null));
        assertEquals(HardwarePlanner.DEFAULT_PLAN_QUANT, p.quantization());
        double min = p.runPaths().get(0).minimum().vramGb();
        assertTrue(min > 4 && min < 8, "8B at Q4_K_M and 8k: " + min);
        assertEquals(min / FitThresholds.DEFAULTS.perfectMaxUtilization(), p.runPaths().get(0).recommended().vramGb(), 0.02);
        assertNull(p.minimum().cpuCores());
    }

    /** The target is a floor every option meets, and raising it only removes options. */
    @Test
    void aHigherTargetKeepsOnlyFasterOptions() {
        HardwarePlanner.Plan any = planner.plan(TestModels.llama3_8b(), TestMachines.cpuLaptop(),
                new HardwarePlanner.Request(8192, null, null, null));
        HardwarePlanner.Plan fast = planner.plan(TestModels.llama3_8b(), TestMachines.cpuLaptop(),
                new HardwarePlanner.Request(8192, null, null, 100.0));
        assertTrue(fast.options().size() < any.options().size(), fast.options().size() + " < " + any.options().size());
        assertFalse(fast.options().isEmpty());
        for (HardwarePlanner.Option o : fast.options()) {
            assertTrue(o.estimatedTps() >= 100, o.toString());
        }
        List<String> fastNames = fast.options().stream().map(HardwarePlanner.Option::name).toList();
        assertTrue(any.options().stream().map(HardwarePlanner.Option::name).toList().containsAll(fastNames));
    }

    @Test
    void anUnreachableTargetIsAnswerNotAnError() {
        HardwarePlanner.Plan p = planner.plan(TestModels.llama3_8b(), TestMachines.cpuLaptop(),
                new HardwarePlanner.Request(8192, null, null, 100_000.0));
        assertTrue(p.options().isEmpty());
        assertTrue(p.runPaths().stream().noneMatch(HardwarePlanner.PathPlan::feasible));
    }

    /** On a machine whose GPU holds the model, the current status is that GPU run and no VRAM upgrade is proposed. */
    @Test
    void theCurrentMachineIsGradedWithTheSameEstimator() {
        HardwarePlanner.Plan p = planner.plan(TestModels.llama3_8b(), TestMachines.desktop4090(),
                new HardwarePlanner.Request(8192, null, null, null));
        FitResult direct = new DefaultFitEvaluator(new RooflineEstimator(), FitThresholds.DEFAULTS).evaluate(
                TestModels.llama3_8b(), TestMachines.desktop4090(),
                new dev.fitd.estimate.EstimateRequest(8192, null, null, null, null));
        assertEquals(direct.level().wire(), p.current().fitLevel());
        assertEquals("gpu", p.current().runMode());
        assertTrue(p.upgradeDeltas().stream().noneMatch(u -> u.resource().equals("vram_gb")), p.upgradeDeltas().toString());
        assertTrue(p.runPaths().get(1).feasible(), "the 4090 with RAM behind it: " + p.runPaths().get(1));
    }
}
