package dev.fitd.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HardwareDerivationTest {

    private static final long GIB = 1L << 30;

    private static final Gpu RTX_3090 = new Gpu(0, "GPU-1", "NVIDIA GeForce RTX 3090", GpuVendor.NVIDIA, Backend.CUDA,
            24 * GIB, 20 * GIB, false, 936.2, 142.0, "8.6", "550", "nvidia-smi");

    private static HardwareSnapshot base(List<Gpu> gpus) {
        return new HardwareSnapshot(7, Instant.EPOCH, "node", "Linux",
                new Cpu("AMD Ryzen 5 7600X", 6, 12, 12, "x86_64"),
                new Memory(32 * GIB, 20 * GIB, 30 * GIB, 83.2), gpus,
                Map.of("memory.total", "/proc", "gpus", "nvidia-smi"), List.of());
    }

    @Test
    void noOverridesIsTheSameSnapshot() {
        HardwareSnapshot b = base(List.of(RTX_3090));
        assertSame(b, HardwareDerivation.apply(b, HardwareOverrides.NONE));
    }

    @Test
    void ramWhatIfSetsTotalAndAvailableAndDropsTheContainerLimit() {
        HardwareSnapshot s = HardwareDerivation.apply(base(List.of()), new HardwareOverrides(64.0, null, null, null, null));
        assertEquals(64 * GIB, s.memory().totalBytes());
        assertEquals(64 * GIB, s.memory().availableBytes());
        assertNull(s.memory().containerLimitBytes());
        assertEquals("what-if", s.provenance().get("memory.total"));
        assertEquals(7, s.version(), "same version: derivations are keyed by their inputs, not a new probe");
    }

    @Test
    void gpuNameWhatIfDerivesEverythingFromTheTable() {
        HardwareSnapshot s = HardwareDerivation.apply(base(List.of()),
                new HardwareOverrides(null, null, null, "NVIDIA GeForce RTX 4090", 2));
        assertEquals(2, s.gpus().size());
        Gpu g = s.gpus().get(1);
        assertEquals(1, g.index());
        assertEquals(GpuVendor.NVIDIA, g.vendor());
        assertEquals(Backend.CUDA, g.backend());
        assertEquals(24 * GIB, g.vramTotalBytes());
        assertNull(g.vramFreeBytes());
        assertEquals(1008.0, g.memoryBandwidthGbps());
        assertEquals(330.3, g.fp16Tflops());
        assertFalse(g.unifiedMemory());
        assertEquals("what-if", s.provenance().get("gpus"));
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void appleNameImpliesUnifiedMetalAndTheWiredShareOfRam() {
        HardwareSnapshot s = HardwareDerivation.apply(base(List.of(RTX_3090)),
                new HardwareOverrides(64.0, null, null, "Apple M2 Max", null));
        Gpu g = s.gpus().get(0);
        assertEquals(1, s.gpus().size());
        assertEquals(GpuVendor.APPLE, g.vendor());
        assertEquals(Backend.METAL, g.backend());
        assertTrue(g.unifiedMemory());
        assertEquals(48 * GIB, g.vramTotalBytes(), "3/4 of 64 GiB");
        assertEquals(400.0, s.memory().bandwidthGbps(), "RAM is the chip's unified memory");
        assertTrue(s.unifiedMemory());
    }

    @Test
    void smallMacGetsTwoThirds() {
        HardwareSnapshot s = HardwareDerivation.apply(base(List.of()), new HardwareOverrides(24.0, null, null, "Apple M4", null));
        assertEquals(16 * GIB, s.gpus().get(0).vramTotalBytes());
    }

    @Test
    void vramWhatIfChangesEveryGpuAndForgetsFreeVram() {
        HardwareSnapshot s = HardwareDerivation.apply(base(List.of(RTX_3090, RTX_3090)),
                new HardwareOverrides(null, 48.0, null, null, null));
        assertEquals(List.of(48 * GIB, 48 * GIB), s.gpus().stream().map(Gpu::vramTotalBytes).toList());
        assertNull(s.gpus().get(0).vramFreeBytes());
        assertEquals(48 * GIB, s.gpus().get(0).usableVramBytes());
        assertEquals("what-if", s.provenance().get("gpus[1].vram_total"));
    }

    @Test
    void gpuCountRepeatsTheFirstGpuOrRemovesAll() {
        HardwareSnapshot four = HardwareDerivation.apply(base(List.of(RTX_3090)), new HardwareOverrides(null, null, null, null, 4));
        assertEquals(4, four.gpus().size());
        assertEquals("NVIDIA GeForce RTX 3090", four.gpus().get(3).name());
        assertFalse(HardwareDerivation.apply(base(List.of(RTX_3090)), new HardwareOverrides(null, null, null, null, 0)).hasGpu());
        assertFalse(HardwareDerivation.apply(base(List.of(RTX_3090)), new HardwareOverrides(null, null, null, "none", null)).hasGpu());
    }

    @Test
    void cpuCoresWhatIf() {
        HardwareSnapshot s = HardwareDerivation.apply(base(List.of()), new HardwareOverrides(null, null, 32, null, null));
        assertEquals(32.0, s.cpu().usableCores());
        assertEquals(32, s.cpu().logicalCores());
        HardwareSnapshot fewer = HardwareDerivation.apply(base(List.of()), new HardwareOverrides(null, null, 4, null, null));
        assertEquals(4.0, fewer.cpu().usableCores());
        assertEquals(12, fewer.cpu().logicalCores());
    }

    @Test
    void unknownGpuNameHasNoBandwidthAndWarnings() {
        // Issue 13: an unknown discrete card reports its bandwidth as unknown (null), never a number that looks
        // measured; the estimator grades it on a conservative figure its notes name.
        HardwareSnapshot s = HardwareDerivation.apply(base(List.of()), new HardwareOverrides(null, null, null, "NVIDIA GeForce GTX 980", null));
        Gpu g = s.gpus().get(0);
        assertNull(g.memoryBandwidthGbps());
        assertNull(g.vramTotalBytes());
        assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("what-if: GPU 'NVIDIA GeForce GTX 980' is not in the device table")), s.warnings().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("give vram_gb")), s.warnings().toString());
        HardwareSnapshot withVram = HardwareDerivation.apply(base(List.of()), new HardwareOverrides(null, 4.0, null, "NVIDIA GeForce GTX 980", null));
        assertEquals(4 * GIB, withVram.gpus().get(0).vramTotalBytes());
    }

    @Test
    void configOverridesOfBandwidthAndUnified() {
        MachineOverrides o = new MachineOverrides(null, null, null, null, null, null, 500.0, 120.0, null, Backend.VULKAN);
        HardwareSnapshot s = HardwareDerivation.apply(base(List.of(RTX_3090)), o, "config override");
        assertEquals(500.0, s.gpus().get(0).memoryBandwidthGbps());
        assertEquals(Backend.VULKAN, s.gpus().get(0).backend());
        assertEquals(120.0, s.memory().bandwidthGbps());
        assertEquals("config override", s.provenance().get("memory.bandwidth"));
        assertEquals(20 * GIB, s.gpus().get(0).vramFreeBytes(), "VRAM untouched, free VRAM kept");
    }

    @Test
    void leavingAUnifiedMachineRecomputesRamBandwidth() {
        // A unified machine whose CPU the CPU table knows (a what-if naming a chip now brings the chip's CPU).
        Gpu unified = new Gpu(0, null, "Apple M2 Ultra", GpuVendor.APPLE, Backend.METAL, 48 * GIB, null, true, 800.0,
                null, null, null, "profile");
        HardwareSnapshot mac = new HardwareSnapshot(7, Instant.EPOCH, "node", "Linux",
                new Cpu("AMD Ryzen 5 7600X", 6, 12, 12, "x86_64"), new Memory(64 * GIB, 64 * GIB, null, 800.0),
                List.of(unified), Map.of(), List.of());
        HardwareSnapshot pc = HardwareDerivation.apply(mac, new HardwareOverrides(null, null, null, "NVIDIA GeForce RTX 4090", null));
        assertEquals(83.2, pc.memory().bandwidthGbps(), "Ryzen 5 7600X from the CPU table");
    }

    /** Issue 14: a what-if naming a chip sets the whole machine, not only its GPU. */
    @Test
    void aChipWhatIfBringsTheChipsCpuAndBandwidthAndDropsTheHostsWarnings() {
        HardwareSnapshot host = new HardwareSnapshot(7, Instant.EPOCH, "node", "Linux",
                new Cpu("AMD EPYC 7B13", 2, 2, 2, "x86_64"), new Memory(8 * GIB, 6 * GIB, 8 * GIB, 25.6), List.of(),
                Map.of(), List.of("cgroup CPU quota limits this process to 2 cores", "no GPU found: nvidia-smi absent"));
        HardwareSnapshot mac = HardwareDerivation.apply(host, new HardwareOverrides(64.0, null, null, "Apple M2 Max", null));
        assertEquals("Apple M2 Max", mac.cpu().name());
        assertEquals(12.0, mac.cpu().usableCores());
        assertEquals("aarch64", mac.cpu().architecture());
        assertEquals(400.0, mac.memory().bandwidthGbps());
        assertEquals(48 * GIB, mac.gpus().get(0).vramTotalBytes());
        assertEquals(List.of(), mac.warnings());
        assertTrue(mac.provenance().get("cpu").contains("Apple M2 Max"));
        HardwareSnapshot fewer = HardwareDerivation.apply(host, new HardwareOverrides(64.0, null, 8, "Apple M2 Max", null));
        assertEquals(8.0, fewer.cpu().usableCores());
        HardwareSnapshot halo = HardwareDerivation.apply(host,
                new HardwareOverrides(128.0, null, null, "AMD Ryzen AI Max+ 395", null));
        assertEquals("AMD Ryzen AI Max+ 395", halo.cpu().name());
        assertEquals(16.0, halo.cpu().usableCores());
        assertEquals(256.0, halo.memory().bandwidthGbps());
        assertEquals(96 * GIB, halo.gpus().get(0).vramTotalBytes());
        // A discrete GPU keeps the host's CPU but not the host's GPU warnings.
        HardwareSnapshot pc = HardwareDerivation.apply(host, new HardwareOverrides(null, null, null, "RTX 4090", null));
        assertEquals("AMD EPYC 7B13", pc.cpu().name());
        assertEquals(List.of("cgroup CPU quota limits this process to 2 cores"), pc.warnings());
    }

    /** Issue 14: a 96 GB Mac asked about 16 GB of RAM kept a 72 GB GPU share. */
    @Test
    void ramWhatIfOnAUnifiedMachineDerivesTheGpuShareAgain() {
        HardwareSnapshot mac96 = HardwareDerivation.apply(base(List.of()),
                new HardwareOverrides(96.0, null, null, "Apple M2 Max (38-core GPU)", null));
        assertEquals(72 * GIB, mac96.gpus().get(0).vramTotalBytes());
        HardwareSnapshot mac16 = HardwareDerivation.apply(mac96, new HardwareOverrides(16.0, null, null, null, null));
        assertEquals(16 * GIB * 2 / 3, mac16.gpus().get(0).vramTotalBytes(), 1.0);
        assertEquals(16 * GIB, mac16.memory().totalBytes());
        assertEquals("Apple M2 Max", mac16.cpu().name());
    }

    @Test
    void everyUnifiedDeviceOfTheTableHasAChipCpu() {
        for (DeviceSpec d : DeviceTable.devices()) {
            // an integrated GPU of a socketed-memory platform (Radeon 780M, Iris Xe) comes with many CPUs: no chip CPU
            if (d.unifiedMemory() && !d.integrated()) {
                assertTrue(ChipCpus.of(d.name()).isPresent(), d.name() + " is unified memory: add its CPU to ChipCpus");
            }
        }
    }

    @Test
    void impossibleOverridesAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MachineOverrides.of(new HardwareOverrides(-1.0, null, null, null, null)));
        assertTrue(e.getMessage().startsWith("ram_gb"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MachineOverrides.of(new HardwareOverrides(null, 0.0, null, null, null)));
        assertThrows(IllegalArgumentException.class, () -> MachineOverrides.of(new HardwareOverrides(null, null, 0, null, null)));
        assertThrows(IllegalArgumentException.class, () -> MachineOverrides.of(new HardwareOverrides(null, null, null, " ", null)));
        assertThrows(IllegalArgumentException.class, () -> MachineOverrides.of(new HardwareOverrides(null, null, null, null, -1)));
        assertThrows(IllegalArgumentException.class, () -> MachineOverrides.of(new HardwareOverrides(Double.NaN, null, null, null, null)));
    }

    @Test
    void backendWireNames() {
        assertEquals(Backend.ROCM, HardwareDerivation.backend(" ROCm "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HardwareDerivation.backend("opencl"));
        assertTrue(e.getMessage().contains("accepted: cuda, rocm, metal, vulkan, sycl, cpu"));
    }
}
