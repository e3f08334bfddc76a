package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.HardwareSnapshot;
import org.junit.jupiter.api.Test;

/** An installed copy's exact file size replaces the computed one, at its quantization, everywhere. */
class InstalledSizeTest {

    private final RooflineEstimator estimator = new RooflineEstimator();
    private final HardwareSnapshot rtx4090 = TestMachines.desktop4090();

    @Test
    void theInstalledFileSizeIsTheWeightFileSize() {
        long installed = 5_000_000_000L; // larger than a standard Q4_K_M of Llama-3-8B (4.58 GiB = 4.92e9)
        EstimateRequest computed = new EstimateRequest(8192, "Q4_K_M", null, null, null);
        ModelEstimate plain = estimator.estimate(TestModels.llama3_8b(), rtx4090, computed);
        ModelEstimate exact = estimator.estimate(TestModels.llama3_8b(), rtx4090, computed.atInstalled("Q4_K_M", installed));
        assertEquals(installed, exact.fileBytes());
        assertTrue(exact.memory().weightsBytes() > plain.memory().weightsBytes());
        assertEquals(plain.memory().kvCacheBytes(), exact.memory().kvCacheBytes(), "the KV cache does not change");
        assertTrue(exact.decodeTps() < plain.decodeTps(), "more bytes per token read, slower");
    }

    @Test
    void anExactSizeNeedsItsQuant() {
        assertThrows(IllegalArgumentException.class, () -> new EstimateRequest(null, null, null, null, null, 1L));
        assertEquals(null, new EstimateRequest(null, null, null, null, null).atInstalled("Q8_0", null).weightsFileBytes());
    }
}
