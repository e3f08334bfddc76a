package dev.fitd.hardware.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fitd.hardware.DeviceTable;
import dev.fitd.hardware.Fixtures;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.process.CommandOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RocmSmiTest {

    @Test
    void oneGpu() {
        List<Gpu> gpus = RocmSmi.parse(Fixtures.lines("rocm-smi/one-gpu-rx7900xtx-rocm6.txt"));
        Gpu g = gpus.get(0);
        assertEquals("AMD Radeon RX 7900 XTX", g.name());
        assertEquals(GpuVendor.AMD, g.vendor());
        assertEquals(25753026560L, g.vramTotalBytes());
        assertEquals(25753026560L - 1174626304L, g.vramFreeBytes());
        assertEquals(960, DeviceTable.lookup(g.name()).orElseThrow().memoryBandwidthGbps());
    }

    @Test
    void severalGpus() {
        List<Gpu> gpus = RocmSmi.parse(Fixtures.lines("rocm-smi/several-gpus-mi300x.txt"));
        assertEquals(2, gpus.size());
        assertEquals(List.of(0, 1), gpus.stream().map(Gpu::index).toList());
        assertEquals(205822885888L - 12884901888L, gpus.get(1).vramFreeBytes());
    }

    @Test
    void oldKeyCasingAndAmbiguousSeriesName() {
        Gpu g = RocmSmi.parse(Fixtures.lines("rocm-smi/old-rocm5-navi-series.txt")).get(0);
        assertEquals("Navi 21 [Radeon RX 6800/6800 XT / 6900 XT]", g.name());
        assertEquals(17163091968L, g.vramTotalBytes());
    }

    @Test
    void warningLinesBeforeTheJsonAreSkipped() {
        Gpu g = RocmSmi.parse(Fixtures.lines("rocm-smi/warning-before-json.txt")).get(0);
        assertEquals("AMD Radeon PRO W7800", g.name());
        assertEquals("Radeon Pro W7800", DeviceTable.lookup(g.name()).orElseThrow().name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocm-smi/malformed.txt", "rocm-smi/truncated-json.txt"})
    void malformedIsRejected(String fixture) {
        assertThrows(IllegalArgumentException.class, () -> RocmSmi.parse(Fixtures.lines(fixture)));
    }

    @Test
    void emptyIsNoGpu() {
        assertEquals(List.of(), RocmSmi.parse(Fixtures.lines("rocm-smi/empty.txt")));
    }

    @Test
    void acquireOutcomes() {
        assertInstanceOf(GpuReading.Absent.class,
                new RocmSmi(c -> new CommandOutcome.Missing(c, "not found"), "rocm-smi").read());
        assertInstanceOf(GpuReading.Failed.class,
                new RocmSmi(c -> new CommandOutcome.TimedOut(c, Duration.ofSeconds(3)), "rocm-smi").read());
        assertInstanceOf(GpuReading.Failed.class,
                new RocmSmi(c -> new CommandOutcome.Ok(c, Fixtures.lines("rocm-smi/truncated-json.txt")), "rocm-smi").read());
        assertInstanceOf(GpuReading.Found.class,
                new RocmSmi(c -> new CommandOutcome.Ok(c, Fixtures.lines("rocm-smi/several-gpus-mi300x.txt")), "rocm-smi").read());
    }
}
