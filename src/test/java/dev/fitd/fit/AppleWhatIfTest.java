package dev.fitd.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.estimate.RooflineEstimator;
import dev.fitd.estimate.RunMode;
import dev.fitd.hardware.Cpu;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareOverrides;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.Memory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: {@code gpu=Apple M2 Max&ram_gb=64&max_context=32768} asked of an x86 host with 2 cores answered
 * Llama-3.1-70B with MLX on the CPU at 0.5 tok/s, with the host's CPU. MLX never runs on the CPU, and
 * llama.cpp Q3_K_M fits the unified memory.
 */
class AppleWhatIfTest {
    static final long GIB = 1L << 30;
    final DefaultFitEvaluator evaluator = new DefaultFitEvaluator(new RooflineEstimator(), FitThresholds.DEFAULTS);

    static HardwareSnapshot m2Max64FromAnX86Host() {
        HardwareSnapshot host = new HardwareSnapshot(1, Instant.EPOCH, "ci", "Linux",
                new Cpu("AMD EPYC 7B13", 2, 2, 2, "x86_64"), new Memory(8 * GIB, 6 * GIB, null, 25.6), List.of(),
                Map.of(), List.of("no GPU found"));
        return HardwareDerivation.apply(host, new HardwareOverrides(64.0, null, null, "Apple M2 Max", null));
    }

    @Test
    void seventyBAt32kIsLlamaCppInUnifiedMemoryNotMlxOnTheCpu() {
        HardwareSnapshot mac = m2Max64FromAnX86Host();
        assertEquals("Apple M2 Max", mac.cpu().name());
        ModelSpec m = QuantChoiceTest.model("meta-llama/Llama-3.1-70B-Instruct");
        FitResult r = evaluator.evaluate(m, mac, new EstimateRequest(32768, null, null, null, null));
        assertEquals(InferenceRuntime.LLAMACPP, r.estimate().runtime());
        assertEquals(RunMode.UNIFIED, r.estimate().runMode());
        assertTrue(r.estimate().decodeTps() > 4, r.estimate().decodeTps() + " tok/s");
        assertTrue(r.estimate().notes().stream().anyMatch(n -> n.startsWith("no MLX build fits")), r.estimate().notes().toString());
        assertTrue(r.estimate().notes().stream().noneMatch(n -> n.contains("runs on the CPU")), r.estimate().notes().toString());
    }

    /** A 96 GB Mac asked about 16 GB: a row that does not fit names the 16 GB machine's GPU share, not 68.4 GiB. */
    @Test
    void aTooTightRowOnASmallerMacNamesTheSmallerShare() {
        HardwareSnapshot mac96 = HardwareDerivation.apply(m2Max64FromAnX86Host(),
                new HardwareOverrides(96.0, null, null, "Apple M2 Max (38-core GPU)", null));
        HardwareSnapshot mac16 = HardwareDerivation.apply(mac96, new HardwareOverrides(16.0, null, null, null, null));
        FitResult r = evaluator.evaluate(QuantChoiceTest.model("meta-llama/Llama-3.1-70B-Instruct"), mac16,
                EstimateRequest.DEFAULTS);
        assertEquals(FitLevel.TOO_TIGHT, r.level());
        java.util.regex.Matcher usable = java.util.regex.Pattern.compile("usable after headroom: ([0-9.]+) GiB GPU memory")
                .matcher(String.join("\n", r.estimate().notes()));
        assertTrue(usable.find(), r.estimate().notes().toString());
        double gib = Double.parseDouble(usable.group(1));
        assertTrue(gib > 9 && gib < 16 * 2.0 / 3, gib + " GiB: two thirds of 16 GiB less headroom");
    }

    @Test
    void mlxRowsAreUnifiedGpuRowsOrDoNotFit() {
        HardwareSnapshot mac = m2Max64FromAnX86Host();
        HardwareSnapshot small = HardwareDerivation.apply(mac, new HardwareOverrides(16.0, null, null, null, null));
        int mlx = 0;
        for (HardwareSnapshot hw : List.of(mac, small)) {
            for (ModelSpec m : QuantChoiceTest.CATALOG) {
                for (InferenceRuntime forced : new InferenceRuntime[] {null, InferenceRuntime.MLX}) {
                    FitResult r = evaluator.evaluate(m, hw, new EstimateRequest(32768, null, null, forced, null));
                    if (r.estimate().runtime() == InferenceRuntime.MLX) {
                        mlx++;
                        assertTrue(!r.estimate().fits() || r.estimate().runMode() == RunMode.UNIFIED,
                                m.key() + " " + r.estimate().runMode());
                    }
                }
            }
        }
        assertTrue(mlx > 100, "MLX rows were graded: " + mlx);
    }
}
