package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Placement, run modes, best quant, context handling and the figures that come with them. */
class RooflineEstimatorTest {
    private static final long GIB = 1L << 30;
    private final RooflineEstimator estimator = new RooflineEstimator();

    private static final Map<String, Supplier<ModelSpec>> MODELS = Map.of(
            "llama3-8b", TestModels::llama3_8b,
            "qwen3-32b", TestModels::qwen3_32b,
            "qwen3-30b-a3b", TestModels::qwen3_30b_a3b,
            "gpt-oss-20b", TestModels::gptOss20b,
            "gpt-oss-120b", TestModels::gptOss120b,
            "deepseek-v3", TestModels::deepseekV3,
            "nomic", TestModels::nomicEmbed,
            "gemma3-4b", TestModels::gemma3_4b);

    private static final Map<String, Supplier<HardwareSnapshot>> MACHINES = Map.of(
            "4090", TestMachines::desktop4090,
            "2x4090", TestMachines::dual4090,
            "3060", () -> TestMachines.machine(64, 51.2, 8, TestMachines.rtx3060(0)),
            "cpu-laptop", TestMachines::cpuLaptop,
            "cpu-server", TestMachines::cpuServer,
            "m2max", TestMachines::m2Max64,
            "4090-96g", () -> TestMachines.machine(96, 89.6, 16, TestMachines.rtx4090(0)));

    private ModelEstimate est(String model, String machine, String quant) {
        return estimator.estimate(MODELS.get(model).get(), MACHINES.get(machine).get(),
                new EstimateRequest(null, quant, null, InferenceRuntime.LLAMACPP, null));
    }

    @ParameterizedTest(name = "{0} {2} on {1}: {3}, {4} GPU / {5} CPU layers, verify ''{6}''")
    @CsvSource({
            "llama3-8b, 4090, Q4_K_M, GPU, 32, 0, -ngl 99",
            "qwen3-32b, 2x4090, Q8_0, MULTI_GPU, 64, 0, -ts ",
            "qwen3-30b-a3b, 3060, Q4_K_M, MOE_OFFLOAD, 48, 0, -ncmoe ",
            "gpt-oss-120b, 4090-96g, MXFP4, MOE_OFFLOAD, 36, 0, -ncmoe ",
            "qwen3-32b, 3060, Q4_K_M, PARTIAL_OFFLOAD, -1, -1, -t 4", // 4 threads saturate 51.2 GB/s
            "llama3-8b, cpu-laptop, Q4_K_M, CPU_ONLY, 0, 32, -ngl 0",
            "llama3-8b, m2max, Q4_K_M, UNIFIED, 32, 0, -ngl 99",
            "deepseek-v3, cpu-laptop, Q2_K, NONE, 0, 0, ",
    })
    void placement(String model, String machine, String quant, RunMode mode, int gpuLayers, int cpuLayers, String flag) {
        ModelEstimate e = est(model, machine, quant);
        assertEquals(mode, e.runMode(), e.notes().toString());
        assertEquals(mode != RunMode.NONE, e.fits());
        if (gpuLayers >= 0) {
            assertEquals(gpuLayers, e.gpuLayers());
            assertEquals(cpuLayers, e.cpuLayers());
        } else {
            assertTrue(e.gpuLayers() > 0 && e.cpuLayers() > 0, e.gpuLayers() + "/" + e.cpuLayers());
            assertEquals(64, e.gpuLayers() + e.cpuLayers());
            assertTrue(e.verifyCommand().contains("-ngl " + e.gpuLayers()));
        }
        if (mode == RunMode.NONE) {
            assertNull(e.decodeTps());
            assertNull(e.verifyCommand());
            assertTrue(e.notes().get(0).startsWith("does not fit at Q2_K"), e.notes().toString());
            return;
        }
        assertTrue(e.verifyCommand().contains(flag), e.verifyCommand());
        assertTrue(e.decodeTps() > 0 && e.prefillTps() > 0);
        for (DeviceUse d : e.devices()) {
            assertTrue(d.fits(), d.toString());
        }
        if (mode == RunMode.MOE_OFFLOAD) {
            assertTrue(e.cpuMoeLayers() > 0 && e.cpuMoeLayers() < e.gpuLayers(), "" + e.cpuMoeLayers());
            assertTrue(e.verifyCommand().contains("-ncmoe " + e.cpuMoeLayers()));
        }
    }

    @Test
    void twoGpusShareTheLayersEvenly() {
        ModelEstimate e = est("qwen3-32b", "2x4090", "Q8_0");
        DeviceUse a = e.devices().get(0);
        DeviceUse b = e.devices().get(1);
        assertEquals(64, a.layers() + b.layers());
        assertTrue(Math.abs(a.utilization() - b.utilization()) < 0.08, a.utilization() + " vs " + b.utilization());
        assertTrue(e.verifyCommand().contains("-ts " + a.layers() + "/" + b.layers()), e.verifyCommand());
        // per-device overhead: each GPU pays its own CUDA context and compute buffer
        assertTrue(a.overheadBytes() >= Overheads.runtimeContextBytes(Backend.CUDA));
        assertTrue(b.overheadBytes() >= Overheads.runtimeContextBytes(Backend.CUDA));
    }

    @Test
    void expertOffloadKeepsTheFewestExpertsInRam() {
        ModelEstimate e = est("qwen3-30b-a3b", "3060", "Q4_K_M");
        // one layer fewer in RAM would not fit the 12 GiB card: the GPU is nearly full
        assertTrue(e.devices().get(0).utilization() > 0.85, e.devices().toString());
        assertTrue(e.devices().get(1).weightsBytes() > 4 * GIB, "experts live in RAM");
        assertTrue(e.decodeTps() > 15, "MoE reads only the active experts: " + e.decodeTps());
    }

    @Test
    void cpuOnlyBoxUsesMemoryBandwidthNotAPessimisticGuess() {
        ModelEstimate e = est("llama3-8b", "cpu-laptop", "Q4_K_M");
        // 4.6 GB per token over 0.79 x 51.2 GB/s: about 8 tokens/s (measured on such laptops: 7-10)
        assertTrue(e.decodeTps() > 6 && e.decodeTps() < 11, "" + e.decodeTps());
        assertEquals(4, e.basis().cpuThreads());
        ModelEstimate server = est("llama3-8b", "cpu-server", "Q4_K_M");
        assertTrue(server.decodeTps() > 3 * e.decodeTps(), "8-channel server: " + server.decodeTps());
        assertTrue(server.basis().cpuThreads() < 32, "only the threads that saturate memory");
    }

    @Test
    void inputEmbeddingStaysInHostMemory() {
        ModelEstimate e = est("llama3-8b", "4090", "Q4_K_M");
        DeviceUse ram = e.devices().get(e.devices().size() - 1);
        assertEquals(-1, ram.gpuIndex());
        WeightBytes w = WeightSizer.size(TestModels.llama3_8b(), QuantType.Q4_K_M);
        assertTrue(ram.weightsBytes() >= w.tokenEmbd());
        assertEquals(w.fileBytes(), e.devices().stream().mapToLong(DeviceUse::weightsBytes).sum());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("input embedding table")));
    }

    @Test
    void bestQuantIsTheBestThatFitsOnTheGpu() {
        HardwareSnapshot hw = MACHINES.get("3060").get();
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), hw, EstimateRequest.DEFAULTS);
        assertEquals("Q8_0", e.quant()); // F16 (15 GiB) does not fit 12 GiB; Q8_0 does
        assertEquals(RunMode.GPU, e.runMode());
        ModelEstimate big = estimator.estimate(TestModels.llama3_8b(), MACHINES.get("4090").get(), EstimateRequest.DEFAULTS);
        assertEquals("F16", big.quant());
    }

    @Test
    void bestQuantPrefersAComfortableFitOverAFewMoreBits() {
        // F16 would fill an 18 GiB card to 87 %: Q8_0 leaves it comfortable (and reads half the bytes)
        HardwareSnapshot hw18 = TestMachines.machine(64, 89.6, 8, TestMachines.gpu(0, "NVIDIA RTX A4500",
                GpuVendor.NVIDIA, Backend.CUDA, 18, 640, 94.6, false));
        assertEquals("Q8_0", estimator.estimate(TestModels.llama3_8b(), hw18, EstimateRequest.DEFAULTS).quant());
        // Qwen3-32B on 24 GiB: Q5_K_M would leave 8 %, Q4_K_M 14 %; IQ4_XS (4.25 bpw, 1 % below Q4_K_M in
        // quality) leaves 20 %: the comfortable 4-bit fit wins over the barely-fitting one
        ModelEstimate q = estimator.estimate(TestModels.qwen3_32b(), MACHINES.get("4090").get(), EstimateRequest.DEFAULTS);
        assertEquals("IQ4_XS", q.quant());
        assertTrue(q.peakUtilization() <= 0.80, "" + q.peakUtilization());
        // with a smaller context Q4_K_M is comfortable too, and being the better one it is chosen
        assertEquals("Q4_K_M", estimator.estimate(TestModels.qwen3_32b(), MACHINES.get("4090").get(),
                new EstimateRequest(2048, null, null, null, null)).quant());
    }

    @Test
    void nativeFormatsStartTheLadder() {
        assertEquals("MXFP4", estimator.estimate(TestModels.gptOss20b(), MACHINES.get("4090").get(),
                EstimateRequest.DEFAULTS).quant());
        ModelEstimate ds = estimator.estimate(TestModels.deepseekV3(), TestMachines.machine(1024, 400, 64),
                EstimateRequest.DEFAULTS);
        assertEquals("Q8_0", ds.quant());
        assertEquals(RunMode.CPU_ONLY, ds.runMode());
    }

    @Test
    void forcedQuantIsCaseInsensitive() {
        assertEquals("Q5_K_M", est("llama3-8b", "4090", "q5-k-m").quant());
    }

    @Test
    void unknownQuantNamesTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> est("llama3-8b", "4090", "Q4_K_X"));
        assertTrue(e.getMessage().startsWith("invalid quant value 'Q4_K_X': use F32|F16|BF16|Q8_0|Q6_K|Q5_K_M"), e.getMessage());
        assertTrue(e.getMessage().contains("|MLX_4BIT|") && e.getMessage().contains("|IQ2_XXS|"));
    }

    @Test
    void requestedContextRecomputesEverything() {
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), MACHINES.get("4090").get(),
                new EstimateRequest(32768, "Q4_K_M", null, null, null));
        assertEquals(32768, e.contextTokens());
        assertEquals(4 * GIB, e.memory().kvCacheBytes());
        assertEquals(16384, e.basis().contextTokens());
        assertTrue(e.verifyCommand().contains("-d 16384"));
    }

    @Test
    void contextAboveTheModelMaximumIsCappedWithANote() {
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), MACHINES.get("4090").get(),
                new EstimateRequest(200_000, "Q4_K_M", null, null, null));
        assertEquals(131072, e.contextTokens());
        assertTrue(e.notes().get(0).contains("requested context 200000 exceeds the model's maximum of 131072"));
    }

    @Test
    void nonPositiveContextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(TestModels.llama3_8b(),
                MACHINES.get("4090").get(), new EstimateRequest(0, null, null, null, null)));
    }

    @Test
    void usableContextIsTheLargestThatStaysOnTheGpu() {
        HardwareSnapshot hw = MACHINES.get("4090").get();
        ModelSpec m = TestModels.llama3_8b();
        ModelEstimate e = estimator.estimate(m, hw, new EstimateRequest(null, "F16", null, null, null));
        int usable = e.usableContext();
        assertTrue(usable > 8192 && usable < 131072, "" + usable);
        ModelEstimate at = estimator.estimate(m, hw, new EstimateRequest(usable, "F16", null, null, null));
        assertEquals(RunMode.GPU, at.runMode());
        ModelEstimate past = estimator.estimate(m, hw, new EstimateRequest(usable + 256, "F16", null, null, null));
        assertFalse(past.runMode() == RunMode.GPU, "one page more leaves the GPU");
        assertEquals(131072, estimator.estimate(m, hw, new EstimateRequest(null, "Q4_K_M", null, null, null))
                .usableContext());
    }

    @Test
    void tooTightAtThisContextButFitsAtASmallerOne() {
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), TestMachines.machine(24, 51.2, 4),
                new EstimateRequest(131072, "F16", null, null, null));
        assertFalse(e.fits());
        assertTrue(e.usableContext() > 0 && e.usableContext() < 131072, "" + e.usableContext());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("with a context of at most " + e.usableContext())));
    }

    @Test
    void quantizedKvCache() {
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), MACHINES.get("4090").get(),
                new EstimateRequest(8192, "Q4_K_M", "q8_0", null, null));
        assertEquals(570425344L, e.memory().kvCacheBytes());
        assertTrue(e.verifyCommand().contains("-fa 1 -ctk q8_0 -ctv q8_0"), e.verifyCommand());
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(TestModels.llama3_8b(),
                MACHINES.get("4090").get(), new EstimateRequest(8192, null, "q3", null, null)));
    }

    @Test
    void parallelSlotsMultiplyTheCache() {
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), MACHINES.get("4090").get(),
                new EstimateRequest(8192, "Q4_K_M", null, null, 4));
        assertEquals(4 * GIB, e.memory().kvCacheBytes());
    }

    @Test
    void appleSiliconRunsMlxWhenTheModelHasIt() {
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), MACHINES.get("m2max").get(), EstimateRequest.DEFAULTS);
        assertEquals(InferenceRuntime.MLX, e.runtime());
        assertEquals(RunMode.UNIFIED, e.runMode());
        assertTrue(e.verifyCommand().startsWith("mlx_lm.generate --model mlx-community/Llama-3.1-8B-Instruct-"));
        ModelEstimate four = estimator.estimate(TestModels.llama3_8b(), MACHINES.get("m2max").get(),
                new EstimateRequest(null, "mlx-4bit", null, null, null));
        assertEquals("MLX_4BIT", four.quant());
        assertThrows(IllegalArgumentException.class, () -> estimator.estimate(TestModels.llama3_8b(),
                MACHINES.get("m2max").get(), new EstimateRequest(null, "MLX_4BIT", null, InferenceRuntime.LLAMACPP, null)));
    }

    @Test
    void mlxNeedsAppleSilicon() {
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), MACHINES.get("4090").get(),
                new EstimateRequest(null, null, null, InferenceRuntime.MLX, null));
        assertFalse(e.fits());
        assertEquals(0, e.usableContext());
        assertTrue(e.notes().contains("MLX runs only on Apple silicon; this machine has none"));
    }

    @Test
    void embeddingModelFiguresMakeSense() {
        ModelEstimate e = estimator.estimate(TestModels.nomicEmbed(), MACHINES.get("cpu-laptop").get(),
                EstimateRequest.DEFAULTS);
        assertTrue(e.fits());
        assertEquals(2048, e.contextTokens()); // the default 8192 capped silently at the model's 2048
        assertTrue(e.memory().totalBytes() < GIB / 2, "" + e.memory());
        assertTrue(e.prefillTps() > 200, "encodes hundreds of tokens per second on 4 cores: " + e.prefillTps());
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("embedding model")));
    }

    @Test
    void visionProjectorAddsWeights() {
        ModelEstimate e = est("gemma3-4b", "4090", "Q4_K_M");
        WeightBytes text = WeightSizer.size(CalibrationData.gemma3_4bText(), QuantType.Q4_K_M);
        assertTrue(e.fileBytes() > text.fileBytes() + 800_000_000L, "419 M params of projector at F16");
        assertTrue(e.notes().stream().anyMatch(n -> n.startsWith("includes the vision projector")));
    }

    @Test
    void unknownGpuFactsAreNotZero() {
        Gpu noBandwidth = new Gpu(0, null, "Mystery GPU", GpuVendor.OTHER, Backend.VULKAN, 16 * GIB, 16 * GIB, false,
                null, null, null, null, "test");
        ModelEstimate e = estimator.estimate(TestModels.llama3_8b(), TestMachines.machine(32, 51.2, 8, noBandwidth),
                new EstimateRequest(null, "Q4_K_M", null, null, null));
        assertEquals(RunMode.GPU, e.runMode());
        assertTrue(e.notes().contains("bandwidth of Mystery GPU unknown (not in the device table): graded on a "
                + "conservative 250 GB/s, the low end of current discrete GPUs"), e.notes().toString());
        Gpu noVram = new Gpu(0, null, "Mystery GPU", GpuVendor.OTHER, Backend.VULKAN, null, null, false, 500.0, null,
                null, null, "test");
        ModelEstimate cpu = estimator.estimate(TestModels.llama3_8b(), TestMachines.machine(32, 51.2, 8, noVram),
                new EstimateRequest(null, "Q4_K_M", null, null, null));
        assertEquals(RunMode.CPU_ONLY, cpu.runMode());
        assertTrue(cpu.notes().contains("memory of GPU Mystery GPU is unknown; it was not planned with"));
    }

    @Test
    void basisExplainsTheFigure() {
        ModelEstimate e = est("llama3-8b", "4090", "Q4_K_M");
        EstimateBasis b = e.basis();
        assertEquals("bandwidth-roofline", b.method());
        assertEquals(List.of(1008.0), b.bandwidthsGbps());
        assertEquals(CalibrationConstants.FITTED.efficiency(Backend.CUDA), b.efficiency(), 1e-3);
        assertEquals(32 * CalibrationConstants.FITTED.layerOverheadSeconds(Backend.CUDA) * 1000, b.overheadMs(), 0.01);
        double seconds = b.bytesPerToken() / (1008e9 * b.efficiency()) + b.overheadMs() / 1000;
        assertEquals(1 / seconds, e.decodeTps(), e.decodeTps() * 0.01);
    }
}
