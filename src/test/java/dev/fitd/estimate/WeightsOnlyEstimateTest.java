package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.HardwareSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where installed weights of unknown architecture go: the placement ladder over GPU memory, both pools, RAM. */
class WeightsOnlyEstimateTest {
    private static final long GIB = 1L << 30;

    private static ModelEstimate of(long bytes, HardwareSnapshot hw, String format, InferenceRuntime forced) {
        return WeightsOnlyEstimate.of("Q4_K_M", 4.8, format, forced, 8192, bytes, hw, List.of("from the runtime"));
    }

    @Test
    void weightsGoToTheGpuThenBothPoolsThenNowhere() {
        HardwareSnapshot hw = TestMachines.desktop4090();
        long vram = hw.gpus().get(0).usableVramBytes();
        long ram = hw.memory().availableBytes();
        ModelEstimate gpu = of(vram - GIB, hw, "gguf", null);
        assertEquals(RunMode.GPU, gpu.runMode());
        assertEquals(vram, gpu.availableBytes());
        assertTrue(gpu.fits());
        assertEquals(InferenceRuntime.LLAMACPP, gpu.runtime());
        ModelEstimate partial = of(vram + GIB, hw, "gguf", null);
        assertEquals(RunMode.PARTIAL_OFFLOAD, partial.runMode());
        assertEquals(vram + ram, partial.availableBytes());
        ModelEstimate none = of(vram + ram + GIB, hw, "gguf", null);
        assertEquals(RunMode.NONE, none.runMode());
        assertFalse(none.fits());
        assertEquals("from the runtime", none.notes().get(0), "the runtime's remarks come first");
        assertTrue(none.notes().get(none.notes().size() - 1).startsWith("no architecture is known"));
        assertEquals(vram + GIB, partial.memory().weightsBytes());
        assertEquals(0, partial.memory().kvCacheBytes());
        assertEquals(null, partial.decodeTps());
    }

    @Test
    void aMachineWithoutGpusRunsTheWeightsOnTheCpu() {
        HardwareSnapshot hw = TestMachines.cpuLaptop();
        ModelEstimate e = of(GIB, hw, "gguf", null);
        assertEquals(RunMode.CPU_ONLY, e.runMode());
        assertEquals(hw.memory().availableBytes(), e.availableBytes());
    }

    @Test
    void aRuntimeThatCannotLoadTheInstalledFormatDoesNotFit() {
        ModelEstimate e = of(GIB, TestMachines.desktop4090(), "mlx", InferenceRuntime.LLAMACPP);
        assertEquals(RunMode.NONE, e.runMode());
        assertEquals(InferenceRuntime.LLAMACPP, e.runtime());
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("installed for mlx, which llamacpp cannot load")),
                e.notes().toString());
        assertEquals(InferenceRuntime.MLX, of(GIB, TestMachines.m2Max64(), "mlx", null).runtime());
    }
}
