package dev.fitd.hardware.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Fixtures;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.process.CommandOutcome;
import dev.fitd.process.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NvidiaSmiTest {

    private static final long MIB = 1L << 20;

    @Test
    void oneGpu() {
        NvidiaSmi.Parsed p = NvidiaSmi.parse(Fixtures.lines("nvidia-smi/one-gpu-rtx4090.txt"));
        assertEquals(List.of(), p.notes());
        Gpu g = p.gpus().get(0);
        assertEquals(0, g.index());
        assertEquals("GPU-8f6e4a52-7c1d-3b9e-a0f4-5d2c1e9b7a36", g.uuid());
        assertEquals("NVIDIA GeForce RTX 4090", g.name());
        assertEquals(GpuVendor.NVIDIA, g.vendor());
        assertEquals(Backend.CUDA, g.backend());
        assertEquals(24564 * MIB, g.vramTotalBytes());
        assertEquals(23127 * MIB, g.vramFreeBytes());
        assertEquals("8.9", g.computeCapability());
        assertEquals("550.54.14", g.driverVersion());
        assertEquals("nvidia-smi", g.source());
        assertNull(g.memoryBandwidthGbps(), "the parser reports what the tool says; the table fills bandwidth later");
    }

    @Test
    void severalGpus() {
        List<Gpu> gpus = NvidiaSmi.parse(Fixtures.lines("nvidia-smi/several-gpus-4xa100.txt")).gpus();
        assertEquals(4, gpus.size());
        assertEquals(List.of(0, 1, 2, 3), gpus.stream().map(Gpu::index).toList());
        assertEquals(40918 * MIB, gpus.get(1).vramFreeBytes());
    }

    @Test
    void notAvailableFieldsAreUnknownNotZero() {
        Gpu g = NvidiaSmi.parse(Fixtures.lines("nvidia-smi/not-available-fields-gb10.txt")).gpus().get(0);
        assertEquals("NVIDIA GB10", g.name());
        assertNull(g.vramTotalBytes());
        assertNull(g.vramFreeBytes());
        assertEquals("12.1", g.computeCapability());
    }

    @Test
    void notSupportedFieldsAreUnknownNotZero() {
        Gpu g = NvidiaSmi.parse(Fixtures.lines("nvidia-smi/not-supported-fields.txt")).gpus().get(0);
        assertEquals(24576 * MIB, g.vramTotalBytes());
        assertNull(g.vramFreeBytes());
        assertEquals(24576 * MIB, g.usableVramBytes());
    }

    @Test
    void oldDriverWithoutComputeCap() {
        Gpu g = NvidiaSmi.parse(Fixtures.lines("nvidia-smi/old-driver-without-compute-cap.txt")).gpus().get(0);
        assertEquals("Tesla V100-PCIE-16GB", g.name());
        assertEquals("460.106.00", g.driverVersion());
        assertNull(g.computeCapability());
    }

    @Test
    void nameWithCommaSurvives() {
        Gpu g = NvidiaSmi.parse(List.of("0, GPU-1, NVIDIA Some, Board, 8192, 0, 8192, 550.1, 8.6")).gpus().get(0);
        assertEquals("NVIDIA Some, Board", g.name());
        assertEquals(8192 * MIB, g.vramTotalBytes());
    }

    @Test
    void aBadLineIsSkippedWithANote() {
        NvidiaSmi.Parsed p = NvidiaSmi.parse(Fixtures.lines("nvidia-smi/partly-malformed.txt"));
        assertEquals(1, p.gpus().size());
        assertEquals(1, p.notes().size());
        assertTrue(p.notes().get(0).contains("Unable to determine"), p.notes().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nvidia-smi/malformed-with-units.txt", "nvidia-smi/driver-not-loaded.txt"})
    void garbageIsRejected(String fixture) {
        assertThrows(IllegalArgumentException.class, () -> NvidiaSmi.parse(Fixtures.lines(fixture)));
    }

    @Test
    void emptyIsNoGpu() {
        assertEquals(List.of(), NvidiaSmi.parse(Fixtures.lines("nvidia-smi/empty.txt")).gpus());
    }

    // --- the acquire step, with canned outcomes ---

    private static CommandRunner canned(CommandOutcome query, CommandOutcome listing) {
        return command -> command.contains("-L") ? listing : query;
    }

    private static CommandOutcome ok(String fixture) {
        return new CommandOutcome.Ok(List.of("nvidia-smi"), Fixtures.lines(fixture));
    }

    @Test
    void readFindsGpus() {
        NvidiaSmi smi = new NvidiaSmi(canned(ok("nvidia-smi/one-gpu-rtx4090.txt"), ok("nvidia-smi-L/no-mig-one-gpu.txt")), "nvidia-smi");
        GpuReading.Found found = assertInstanceOf(GpuReading.Found.class, smi.read());
        assertEquals(1, found.gpus().size());
        assertEquals(List.of(), found.notes());
    }

    @Test
    void readExpandsMigSlices() {
        NvidiaSmi smi = new NvidiaSmi(canned(ok("nvidia-smi/several-gpus-4xa100.txt"), ok("nvidia-smi-L/mig-a100-80gb.txt")), "nvidia-smi");
        GpuReading.Found found = assertInstanceOf(GpuReading.Found.class, smi.read());
        assertEquals(3 + 3, found.gpus().size(), "GPU 0 as 3 slices + GPUs 1..3");
        Gpu slice = found.gpus().get(0);
        assertEquals("NVIDIA A100-SXM4-80GB MIG 3g.40gb", slice.name());
        assertEquals(2039 / 2.0, slice.memoryBandwidthGbps(), 1e-6, "half the memory, half the bandwidth");
        assertTrue(found.notes().get(0).startsWith("MIG is enabled"));
    }

    @Test
    void missingToolIsAbsent() {
        CommandRunner runner = command -> new CommandOutcome.Missing(command, "not found");
        assertInstanceOf(GpuReading.Absent.class, new NvidiaSmi(runner, "nvidia-smi").read());
    }

    @Test
    void noDevicesIsAbsent() {
        CommandRunner runner = command -> new CommandOutcome.Failed(command, 6, List.of("No devices were found"), List.of());
        assertInstanceOf(GpuReading.Absent.class, new NvidiaSmi(runner, "nvidia-smi").read());
    }

    @Test
    void timeoutIsFailed() {
        CommandRunner runner = command -> new CommandOutcome.TimedOut(command, Duration.ofSeconds(3));
        GpuReading.Failed failed = assertInstanceOf(GpuReading.Failed.class, new NvidiaSmi(runner, "nvidia-smi").read());
        assertTrue(failed.why().contains("timed out"), failed.why());
    }

    @Test
    void driverFailureIsFailed() {
        CommandRunner runner = command -> new CommandOutcome.Failed(command, 9,
                Fixtures.lines("nvidia-smi/driver-not-loaded.txt"), List.of());
        GpuReading.Failed failed = assertInstanceOf(GpuReading.Failed.class, new NvidiaSmi(runner, "nvidia-smi").read());
        assertTrue(failed.why().contains("exit code 9"), failed.why());
    }

    @Test
    void garbageIsFailed() {
        NvidiaSmi smi = new NvidiaSmi(canned(ok("nvidia-smi/malformed-with-units.txt"), ok("nvidia-smi-L/empty.txt")), "nvidia-smi");
        assertInstanceOf(GpuReading.Failed.class, smi.read());
    }

    @Test
    void oldDriverIsAskedAgainWithoutComputeCap() {
        List<List<String>> asked = new ArrayList<>();
        CommandRunner runner = command -> {
            asked.add(command);
            if (command.contains("-L")) {
                return ok("nvidia-smi-L/empty.txt");
            }
            if (command.get(1).contains("compute_cap")) {
                return new CommandOutcome.Failed(command, 2, List.of(),
                        List.of("Field \"compute_cap\" is not a valid field to query."));
            }
            return ok("nvidia-smi/old-driver-without-compute-cap.txt");
        };
        GpuReading.Found found = assertInstanceOf(GpuReading.Found.class, new NvidiaSmi(runner, "/opt/nvidia/bin/nvidia-smi").read());
        assertEquals("Tesla V100-PCIE-16GB", found.gpus().get(0).name());
        assertEquals("/opt/nvidia/bin/nvidia-smi", asked.get(0).get(0));
        assertEquals("--query-gpu=" + NvidiaSmi.FIELDS_WITHOUT_CC, asked.get(1).get(1));
    }
}
