package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terms of {@link Throughput} that depend on the device and the placement: CUDA graphs, layer splits, MoE prefill. */
class ThroughputTest {
    private static final CalibrationConstants C = CalibrationConstants.FITTED;
    private final RooflineEstimator estimator = new RooflineEstimator();

    private ModelEstimate estimate(ModelSpec model, HardwareSnapshot machine, String quant) {
        return estimator.estimate(model, machine, new EstimateRequest(4096, quant, null, InferenceRuntime.LLAMACPP, null));
    }

    private static Gpu card(int index, String name, double vramGib, double bandwidth) {
        return TestMachines.gpu(index, name, GpuVendor.NVIDIA, Backend.CUDA, vramGib, bandwidth, 50.0, false);
    }

    @Test
    void cudaGraphsAreOffOnPascalAndOlderOnly() {
        for (String pascal : List.of("NVIDIA GeForce GTX 1080 Ti", "Tesla P40", "NVIDIA Tesla P100-PCIE-16GB",
                "NVIDIA GeForce GTX 1060 6GB", "Quadro P4000", "NVIDIA TITAN Xp", "Tesla M40", "NVIDIA GeForce GTX 980")) {
            assertTrue(Throughput.pascalOrOlder(pascal), pascal);
            assertFalse(Throughput.cudaGraphs(place(pascal, Backend.CUDA)), pascal);
        }
        // Volta and Turing have had graphs since PR #25749; Ampere and newer always
        for (String graphs : List.of("NVIDIA GeForce RTX 2080 Ti", "Tesla V100-PCIE-16GB", "Tesla T4",
                "NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 4090", "NVIDIA RTX A6000", "Quadro RTX 8000", "NVIDIA P102-100x")) {
            assertTrue(Throughput.cudaGraphs(place(graphs, Backend.CUDA)), graphs);
        }
        assertTrue(Throughput.cudaGraphs(place("NVIDIA GeForce GTX 1080 Ti", Backend.VULKAN)), "graphs are a CUDA matter");
    }

    private static Throughput.Place place(String name, Backend backend) {
        return new Throughput.Place(name, backend, DeviceClass.DISCRETE, 484, 4e9, 32, 0, 8e9, 50.0, false);
    }

    /**
     * A GTX 1080 Ti what-if against an Ampere card of the same bandwidth, memory and FLOPS: the weights take as long to
     * read, and the Pascal card pays the graph-less per-layer overhead, (a − 1) × o_CUDA more per layer and token.
     */
    @Test
    void pascalWhatIfPaysTheGraphlessOverhead() {
        ModelSpec model = TestModels.llama3_8b();
        ModelEstimate pascal = estimate(model, TestMachines.machine(32, 51.2, 8,
                card(0, "NVIDIA GeForce GTX 1080 Ti", 11, 484)), "Q4_K_M");
        ModelEstimate ampere = estimate(model, TestMachines.machine(32, 51.2, 8,
                card(0, "NVIDIA GeForce RTX 3080 Ti", 11, 484)), "Q4_K_M");
        assertEquals(RunMode.GPU, pascal.runMode());
        assertEquals(RunMode.GPU, ampere.runMode());
        assertEquals(ampere.gpuLayers(), pascal.gpuLayers());
        double extra = 1 / pascal.decodeTps() - 1 / ampere.decodeTps();
        double expected = pascal.gpuLayers() * C.layerOverheadSeconds(Backend.CUDA) * (C.oldBuildOverheadFactor() - 1);
        assertEquals(expected, extra, expected * 1e-6);
        assertTrue(pascal.decodeTps() < 0.95 * ampere.decodeTps(), pascal.decodeTps() + " vs " + ampere.decodeTps());
    }

    /**
     * Four cards holding a layer split against one card with their total memory: a batch-1 token still reads every
     * card's share in turn at that card's bandwidth (the split adds capacity, not read speed), so with equal per-card
     * bandwidth the reads take as long, and the split costs three boundaries (latency + hidden state over the link) and
     * the graph-less overhead of each device's part.
     */
    @Test
    void fourGpuSplitIsSlowerByItsBoundaries() {
        ModelSpec model = TestModels.qwen3_32b();
        List<Gpu> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(card(i, "NVIDIA RTX A4000", 16, 448));
        }
        ModelEstimate split = estimate(model, TestMachines.machine(128, 89.6, 16, four.toArray(Gpu[]::new)), "Q8_0");
        ModelEstimate one = estimate(model, TestMachines.machine(128, 89.6, 16, card(0, "NVIDIA RTX A4000", 64, 448)), "Q8_0");
        assertEquals(RunMode.MULTI_GPU, split.runMode(), split.notes().toString());
        assertEquals(RunMode.GPU, one.runMode(), one.notes().toString());
        assertEquals(model.arch().layers(), split.gpuLayers());
        int layers = model.arch().layers();
        double boundary = Throughput.splitBoundarySeconds(4.0 * model.arch().hiddenSize(), C);
        double graphless = layers * C.layerOverheadSeconds(Backend.CUDA) * (C.oldBuildOverheadFactor() - 1);
        double extra = 1 / split.decodeTps() - 1 / one.decodeTps();
        assertEquals(3 * boundary + graphless, extra, (3 * boundary + graphless) * 1e-6);
        // the boundary itself: 16.5 µs of latency plus 20 KiB (n_embd 5120 × 4 B) at 20 GB/s
        assertEquals(16.5e-6 + 5120 * 4 / 20e9, boundary, 1e-12);
    }

    @Test
    void splitBoundaryCountsOncePerBoundary() {
        List<Throughput.Place> places = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            places.add(new Throughput.Place("gpu" + i, Backend.CUDA, DeviceClass.DISCRETE, 448, 1e9, 16, 0, 2e9, 50.0,
                    true, 0, 16384));
        }
        Throughput.Place whole = new Throughput.Place("gpu", Backend.CUDA, DeviceClass.DISCRETE, 448, 4e9, 64, 0, 8e9,
                50.0, false);
        double extra = Throughput.decodeSecondsPerToken(places, false, C) - Throughput.decodeSecondsPerToken(List.of(whole), false, C);
        double expected = 3 * (C.splitBoundaryMicros() * 1e-6 + 16384 / (C.splitLinkGbps() * 1e9))
                + 64 * C.layerOverheadSeconds(Backend.CUDA) * (C.oldBuildOverheadFactor() - 1);
        assertEquals(expected, extra, expected * 1e-9);
    }

    /**
     * gpt-oss-120b-like experts (16 tokens per expert per micro-batch) on a device with much compute and little
     * bandwidth: reading every expert once per micro-batch bounds prefill.
     */
    @Test
    void moePrefillIsBoundByReadingEveryExpertOncePerMicroBatch() {
        double n = 16;
        Throughput.Place spark = new Throughput.Place("NVIDIA GB10", Backend.CUDA, DeviceClass.UNIFIED, 120, 3.6e9, 36, 0,
                10.3e9, 1000.0, false, 1.9e9, 0);
        double read = 1.9e9 / n / Throughput.effectiveBandwidth(spark, false, C);
        double compute = spark.flopsPerToken() / Throughput.flopsPerSecond(spark, n, C);
        assertTrue(read > compute, read + " vs " + compute);
        assertEquals(read, Throughput.prefillSecondsPerToken(spark, n, C), 1e-15);
        // a dense place never pays the read
        Throughput.Place dense = new Throughput.Place("NVIDIA GB10", Backend.CUDA, DeviceClass.UNIFIED, 273, 3.6e9, 36, 0,
                10.3e9, 125.0, false);
        assertEquals(dense.flopsPerToken() / Throughput.flopsPerSecond(dense, 0, C),
                Throughput.prefillSecondsPerToken(dense, 0, C), 1e-15);
        // Metal before PR #4725: every prompt token reads its active experts like a decode step
        Throughput.Place m2 = new Throughput.Place("Apple M2 Max", Backend.METAL, DeviceClass.APPLE, 400, 7.3e9, 32, 0,
                25.5e9, 13.6, false, 6.3e9, 0);
        assertTrue(Throughput.prefillSecondsPerToken(m2, 128, C, true)
                >= 6.3e9 / Throughput.effectiveBandwidth(m2, false, C));
        assertTrue(Throughput.prefillSecondsPerToken(m2, 128, C, true) > 3 * Throughput.prefillSecondsPerToken(m2, 128, C));
    }

    /** Vulkan on a GPU that shares system memory has its own prefill efficiency; discrete cards and CUDA do not. */
    @Test
    void vulkanPrefillEfficiencyDependsOnTheDeviceClass() {
        assertEquals(C.vulkanIntegratedPrefillEfficiency(), C.prefillEfficiency(Backend.VULKAN, DeviceClass.UNIFIED));
        assertEquals(C.prefillEfficiency(Backend.VULKAN), C.prefillEfficiency(Backend.VULKAN, DeviceClass.DISCRETE));
        assertEquals(C.prefillEfficiency(Backend.CUDA), C.prefillEfficiency(Backend.CUDA, DeviceClass.UNIFIED));
        assertTrue(C.vulkanIntegratedPrefillEfficiency() < C.prefillEfficiency(Backend.VULKAN));
        assertEquals(C.moePrefillHalfTokens(Backend.CUDA), C.moePrefillHalfTokens(Backend.ROCM));
        assertEquals(C.moePrefillHalfTokens(Backend.VULKAN), C.moePrefillHalfTokens(Backend.SYCL));
    }

    /** Issue 13: MoE prefill was below decode on CPU and with expert offload; never again, on any placement. */
    @Test
    void moePrefillIsNeverBelowDecode() {
        ModelSpec qwen = TestModels.qwen3_30b_a3b();
        for (HardwareSnapshot m : List.of(TestMachines.machine(32, 51.2, 4), TestMachines.cpuServer(),
                TestMachines.machine(64, 51.2, 8, TestMachines.rtx3060(0)), TestMachines.desktop4090(), TestMachines.m2Max64())) {
            ModelEstimate e = estimate(qwen, m, "Q4_K_M");
            assertTrue(e.fits(), e.notes().toString());
            assertTrue(e.prefillTps() >= e.decodeTps(), e.runMode() + ": " + e.prefillTps() + " < " + e.decodeTps());
        }
    }
}
