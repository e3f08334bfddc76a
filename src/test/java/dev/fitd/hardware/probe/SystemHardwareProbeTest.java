package dev.fitd.hardware.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.CgroupLimits;
import dev.fitd.hardware.Fixtures;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.HostSource;
import dev.fitd.hardware.SystemRamBandwidth;
import dev.fitd.hardware.gpu.NvidiaSmi;
import dev.fitd.process.CommandOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The composite with fake sources: what is kept, bounded and warned about. */
class SystemHardwareProbeTest {

    private static final long GIB = 1L << 30;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final CgroupLimits NO_LIMITS = new CgroupLimits(null, null, null, "cgroup v2 memory.max", "cgroup v2 cpu.max", List.of());

    /** A host source answering fixed values, or throwing when told to. */
    private static HostSource host(String name, Supplier<Optional<HostSource.HostCpu>> cpu, Supplier<Optional<HostSource.HostMemory>> memory) {
        return new HostSource() {
            @Override public String name() { return name; }
            @Override public Optional<HostCpu> cpu() { return cpu.get(); }
            @Override public Optional<HostMemory> memory() { return memory.get(); }
        };
    }

    private static final HostSource PROC = host("/proc",
            () -> Optional.of(new HostSource.HostCpu("AMD Ryzen 5 7600X 6-Core Processor", 6, 12, 12, "x86_64")),
            () -> Optional.of(new HostSource.HostMemory(32 * GIB, 20 * GIB)));

    private static GpuSource gpuSource(String name, Supplier<GpuReading> reading) {
        return new GpuSource() {
            @Override public String name() { return name; }
            @Override public GpuReading read() { return reading.get(); }
        };
    }

    private static GpuReading nvidia(String fixture) {
        return new GpuReading.Found(NvidiaSmi.parse(Fixtures.lines(fixture)).gpus(), List.of());
    }

    private static SystemHardwareProbe probe(List<HostSource> hosts, CgroupLimits limits, List<GpuSource> gpus,
                                             GpuSource lastResort, Map<String, String> env) {
        return new SystemHardwareProbe(new ProbeSources(hosts, () -> limits, gpus, lastResort, env, "node-1", "Linux test"), CLOCK);
    }

    @Test
    void plainMachineWithOneGpu() {
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("nvidia-smi", () -> nvidia("nvidia-smi/one-gpu-rtx4090.txt"))), null, Map.of())
                .probe(null, 1);
        assertEquals(1, s.version());
        assertEquals("node-1", s.nodeName());
        assertEquals(32 * GIB, s.memory().totalBytes());
        assertEquals(20 * GIB, s.memory().availableBytes());
        assertNull(s.memory().containerLimitBytes());
        assertEquals(83.2, s.memory().bandwidthGbps(), 1e-9, "Ryzen 5 7600X is in the CPU table");
        assertTrue(s.provenance().get("memory.bandwidth").startsWith("CPU table: Ryzen 5 7600X"));
        assertEquals(12.0, s.cpu().usableCores());
        assertEquals(6, s.cpu().physicalCores());
        Gpu gpu = s.gpus().get(0);
        assertEquals(1008.0, gpu.memoryBandwidthGbps());
        assertEquals(330.3, gpu.fp16Tflops());
        assertEquals("/proc", s.provenance().get("memory.total"));
        assertEquals("nvidia-smi", s.provenance().get("gpus"));
        assertTrue(s.provenance().get("gpus[0].memory_bandwidth").contains("GeForce RTX 4090"));
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void containerLimitsBoundRamAndCores() {
        CgroupLimits limits = new CgroupLimits(4 * GIB, 3 * GIB, 1.5, "cgroup v2 /sys/fs/cgroup/memory.max",
                "cgroup v2 /sys/fs/cgroup/cpu.max", List.of());
        HardwareSnapshot s = probe(List.of(PROC), limits, List.of(), null, Map.of()).probe(null, 1);
        assertEquals(4 * GIB, s.memory().totalBytes());
        assertEquals(3 * GIB, s.memory().availableBytes());
        assertEquals(4 * GIB, s.memory().containerLimitBytes());
        assertEquals(1.5, s.cpu().usableCores());
        assertEquals(12, s.cpu().logicalCores(), "the host's cores are still reported");
        assertEquals("cgroup v2 /sys/fs/cgroup/memory.max", s.provenance().get("memory.total"));
        assertEquals("cgroup v2 /sys/fs/cgroup/memory.max minus usage", s.provenance().get("memory.available"));
        assertEquals("cgroup v2 /sys/fs/cgroup/cpu.max", s.provenance().get("cpu.usable_cores"));
    }

    @Test
    void hostAvailableBelowContainerHeadroomWins() {
        CgroupLimits limits = new CgroupLimits(30 * GIB, 29 * GIB, null, "cgroup v1 memory.limit_in_bytes", null, List.of());
        HardwareSnapshot s = probe(List.of(PROC), limits, List.of(), null, Map.of()).probe(null, 1);
        assertEquals(30 * GIB, s.memory().totalBytes());
        assertEquals(20 * GIB, s.memory().availableBytes());
    }

    @Test
    void affinityCapsCores() {
        HostSource pinned = host("/proc", () -> Optional.of(new HostSource.HostCpu("x", 8, 16, 4, "x86_64")),
                () -> Optional.of(new HostSource.HostMemory(8 * GIB, 4 * GIB)));
        assertEquals(4.0, probe(List.of(pinned), NO_LIMITS, List.of(), null, Map.of()).probe(null, 1).cpu().usableCores());
    }

    @Test
    void aThrowingHostSourceFallsThroughToTheNext() {
        HostSource broken = host("OSHI", () -> { throw new IllegalStateException("JNA exploded"); },
                () -> { throw new IllegalStateException("JNA exploded"); });
        HardwareSnapshot s = probe(List.of(broken, PROC), NO_LIMITS, List.of(), null, Map.of()).probe(null, 1);
        assertEquals(32 * GIB, s.memory().totalBytes());
        assertEquals("/proc", s.provenance().get("memory.total"));
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("OSHI could not read RAM: JNA exploded")), s.warnings().toString());
    }

    @Test
    void cpuFieldsComeFromWhicheverSourceKnowsThem() {
        HostSource noName = host("/proc", () -> Optional.of(new HostSource.HostCpu(null, null, 4, 4, "aarch64")), Optional::empty);
        HostSource oshi = host("OSHI", () -> Optional.of(new HostSource.HostCpu("Neoverse-V1", 4, 4, null, null)),
                () -> Optional.of(new HostSource.HostMemory(16 * GIB, 15 * GIB)));
        HardwareSnapshot s = probe(List.of(noName, oshi), NO_LIMITS, List.of(), null, Map.of()).probe(null, 1);
        assertEquals("Neoverse-V1", s.cpu().name());
        assertEquals("OSHI", s.provenance().get("cpu.name"));
        assertEquals("/proc", s.provenance().get("cpu.logical_cores"));
        assertEquals("OSHI", s.provenance().get("memory.total"));
    }

    @Test
    void noRamSourceKeepsThePreviousSnapshot() {
        HardwareSnapshot first = probe(List.of(PROC), NO_LIMITS, List.of(), null, Map.of()).probe(null, 1);
        HostSource dead = host("/proc", () -> { throw new IllegalStateException("gone"); }, () -> { throw new IllegalStateException("gone"); });
        HardwareSnapshot second = probe(List.of(dead), NO_LIMITS, List.of(), null, Map.of()).probe(first, 2);
        assertEquals(first.memory(), second.memory());
        assertEquals(first.cpu(), second.cpu());
        assertTrue(second.warnings().stream().anyMatch(w -> w.contains("keeping the previous snapshot")), second.warnings().toString());
    }

    @Test
    void aFailingGpuSourceKeepsItsPreviousGpusWithAWarning() {
        AtomicReference<GpuReading> now = new AtomicReference<>(nvidia("nvidia-smi/several-gpus-4xa100.txt"));
        SystemHardwareProbe p = probe(List.of(PROC), NO_LIMITS, List.of(gpuSource("nvidia-smi", now::get)), null, Map.of());
        HardwareSnapshot good = p.probe(null, 1);
        assertEquals(4, good.gpus().size());

        // timed out
        now.set(new GpuReading.Failed(new CommandOutcome.TimedOut(List.of("nvidia-smi"), Duration.ofSeconds(3)).describe()));
        HardwareSnapshot afterTimeout = p.probe(good, 2);
        assertEquals(good.gpus(), afterTimeout.gpus());
        assertTrue(afterTimeout.warnings().get(0).contains("timed out"), afterTimeout.warnings().toString());
        assertTrue(afterTimeout.warnings().get(0).contains("keeping the 4 GPU(s)"), afterTimeout.warnings().toString());
        assertEquals("nvidia-smi (previous snapshot)", afterTimeout.provenance().get("gpus"));
    }

    @Test
    void aThrowingGpuSourceIsAFailureNotACrash() {
        HardwareSnapshot good = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("nvidia-smi", () -> nvidia("nvidia-smi/one-gpu-rtx4090.txt"))), null, Map.of()).probe(null, 1);
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("nvidia-smi", () -> { throw new IllegalStateException("boom"); })), null, Map.of()).probe(good, 2);
        assertEquals(good.gpus(), s.gpus());
        assertTrue(s.warnings().get(0).startsWith("nvidia-smi failed: boom"), s.warnings().toString());
    }

    @Test
    void garbageOutputIsAFailureThatKeepsPreviousGpus() {
        HardwareSnapshot good = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("nvidia-smi", () -> nvidia("nvidia-smi/one-gpu-rtx4090.txt"))), null, Map.of()).probe(null, 1);
        GpuSource garbage = new NvidiaSmi(c -> new CommandOutcome.Ok(c, Fixtures.lines("nvidia-smi/malformed-with-units.txt")), "nvidia-smi");
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS, List.of(garbage), null, Map.of()).probe(good, 2);
        assertEquals(good.gpus(), s.gpus());
        assertTrue(s.warnings().get(0).contains("cannot read"), s.warnings().toString());
    }

    @Test
    void failureWithoutPreviousMeansNoGpuAndAWarning() {
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("nvidia-smi", () -> new GpuReading.Failed("timed out after 3000 ms"))),
                gpuSource("OSHI", () -> { throw new AssertionError("last resort must not run when a source failed"); }),
                Map.of()).probe(null, 1);
        assertFalse(s.hasGpu());
        assertEquals(1, s.warnings().size());
    }

    @Test
    void absentToolsAreNotWarnings() {
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS, List.of(
                gpuSource("nvidia-smi", () -> new GpuReading.Absent("nvidia-smi not found")),
                gpuSource("rocm-smi", () -> new GpuReading.Absent("rocm-smi not found"))), null, Map.of()).probe(null, 1);
        assertFalse(s.hasGpu());
        assertEquals(List.of(), s.warnings());
        assertEquals("none found (nvidia-smi not found; rocm-smi not found)", s.provenance().get("gpus"));
    }

    @Test
    void laterSourcesSkipVendorsAlreadyReported() {
        Gpu fromRocm = new Gpu(0, null, "AMD Radeon RX 7900 XTX", GpuVendor.AMD, Backend.ROCM, 24 * GIB, 23 * GIB, false, null, null, null, null, "rocm-smi");
        Gpu fromSysfs = new Gpu(0, null, "AMD GPU 0x744c", GpuVendor.AMD, Backend.ROCM, 24 * GIB, 23 * GIB, false, null, null, null, null, "sysfs");
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS, List.of(
                gpuSource("rocm-smi", () -> new GpuReading.Found(List.of(fromRocm), List.of())),
                gpuSource("sysfs", () -> new GpuReading.Found(List.of(fromSysfs), List.of()))), null, Map.of()).probe(null, 1);
        assertEquals(1, s.gpus().size());
        assertEquals("rocm-smi", s.gpus().get(0).source());
        assertEquals(960.0, s.gpus().get(0).memoryBandwidthGbps());
    }

    @Test
    void unknownGpuHasNoBandwidthAndAWarningNeverZero() {
        Gpu odd = new Gpu(0, null, "AMD GPU 0x744c", GpuVendor.AMD, Backend.ROCM, 24 * GIB, null, false, null, null, null, null, "sysfs");
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("sysfs", () -> new GpuReading.Found(List.of(odd), List.of()))), null, Map.of()).probe(null, 1);
        Gpu g = s.gpus().get(0);
        // Issue 13: unknown (null) rather than a vendor/VRAM guess that looks measured.
        assertNull(g.memoryBandwidthGbps());
        assertTrue(s.provenance().get("gpus[0].memory_bandwidth").startsWith("unknown"), s.provenance().toString());
        assertTrue(s.warnings().get(0).contains("not in the device table"), s.warnings().toString());
    }

    @Test
    void visibleDevicesFilterIsAppliedAndRecorded() {
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("nvidia-smi", () -> nvidia("nvidia-smi/several-gpus-4xa100.txt"))), null,
                Map.of("CUDA_VISIBLE_DEVICES", "2,3")).probe(null, 1);
        assertEquals(List.of(2, 3), s.gpus().stream().map(Gpu::index).toList());
        assertEquals("nvidia-smi; filtered by CUDA_VISIBLE_DEVICES=2,3", s.provenance().get("gpus"));
    }

    @Test
    void lastResortOnlyWhenNothingElseFound() {
        Gpu oshi = new Gpu(0, null, "NVIDIA GeForce RTX 3090", GpuVendor.NVIDIA, Backend.CUDA, null, null, false, null, null, null, null, "OSHI");
        GpuSource last = gpuSource("OSHI", () -> new GpuReading.Found(List.of(oshi), List.of("GPU found only by OSHI: VRAM unknown")));
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("nvidia-smi", () -> new GpuReading.Absent("nvidia-smi not found"))), last, Map.of()).probe(null, 1);
        assertEquals(1, s.gpus().size());
        assertEquals(24L * GIB, s.gpus().get(0).vramTotalBytes(), "the table's VRAM for a fixed-memory card");
        assertEquals("OSHI (last resort)", s.provenance().get("gpus"));
        assertTrue(s.warnings().get(0).contains("only by OSHI"));
    }

    @Test
    void defaultRamBandwidthIsWarned() {
        HostSource unknownCpu = host("/proc", () -> Optional.of(new HostSource.HostCpu("AMD EPYC", 2, 2, 2, "x86_64")),
                () -> Optional.of(new HostSource.HostMemory(8 * GIB, 7 * GIB)));
        HardwareSnapshot s = probe(List.of(unknownCpu), NO_LIMITS, List.of(), null, Map.of()).probe(null, 1);
        assertEquals(SystemRamBandwidth.DEFAULT_GBPS, s.memory().bandwidthGbps());
        assertTrue(s.provenance().get("memory.bandwidth").startsWith("default"));
        assertTrue(s.warnings().get(0).contains("system RAM bandwidth unknown"));
    }

    @Test
    void unifiedGpuSetsRamBandwidth() {
        Gpu m2 = new Gpu(0, null, "Apple M2 Max (38-core GPU)", GpuVendor.APPLE, Backend.METAL, 21 * GIB, null, true, null, null, null, null, "sysctl");
        HardwareSnapshot s = probe(List.of(PROC), NO_LIMITS,
                List.of(gpuSource("sysctl", () -> new GpuReading.Found(List.of(m2), List.of()))), null, Map.of()).probe(null, 1);
        assertEquals(400.0, s.memory().bandwidthGbps());
        assertTrue(s.unifiedMemory());
    }
}
