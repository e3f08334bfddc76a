package dev.fitd.hardware.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.DeviceTable;
import dev.fitd.hardware.Fixtures;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.process.CommandOutcome;
import dev.fitd.process.CommandRunner;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppleSiliconTest {

    @Test
    void parsers() {
        assertEquals(34359738368L, AppleSilicon.parseMemsize(Fixtures.lines("sysctl/hw.memsize-32GiB.txt")));
        assertEquals(0L, AppleSilicon.parseWiredLimitMb(Fixtures.lines("sysctl/iogpu.wired_limit_mb-default.txt")));
        assertEquals(57344L, AppleSilicon.parseWiredLimitMb(Fixtures.lines("sysctl/iogpu.wired_limit_mb-56GiB.txt")));
        assertEquals(Optional.of("Apple M2 Max"), AppleSilicon.parseBrand(Fixtures.lines("sysctl/machdep.cpu.brand_string-m2max.txt")));
        assertEquals(Optional.empty(), AppleSilicon.parseBrand(Fixtures.lines("sysctl/machdep.cpu.brand_string-intel-mac.txt")));
        assertEquals(Optional.of(38), AppleSilicon.parseGpuCores(Fixtures.lines("system_profiler/SPDisplaysDataType-m2max-38c.txt")));
        assertThrows(IllegalArgumentException.class, () -> AppleSilicon.parseMemsize(Fixtures.lines("sysctl/empty.txt")));
        assertThrows(IllegalArgumentException.class,
                () -> AppleSilicon.parseWiredLimitMb(Fixtures.lines("sysctl/iogpu.wired_limit_mb-unknown-oid-stderr.txt")));
    }

    private static CommandRunner mac(String memsize, String wired) {
        return command -> {
            String key = command.get(command.size() - 1);
            return switch (key) {
                case "machdep.cpu.brand_string" -> ok(command, "sysctl/machdep.cpu.brand_string-m2max.txt");
                case "hw.memsize" -> ok(command, memsize);
                case "iogpu.wired_limit_mb" -> wired == null
                        ? new CommandOutcome.Failed(command, 1, List.of(), Fixtures.lines("sysctl/iogpu.wired_limit_mb-unknown-oid-stderr.txt"))
                        : ok(command, wired);
                case "SPDisplaysDataType" -> ok(command, "system_profiler/SPDisplaysDataType-m2max-38c.txt");
                default -> throw new AssertionError(command);
            };
        };
    }

    private static CommandOutcome ok(List<String> command, String fixture) {
        return new CommandOutcome.Ok(command, Fixtures.lines(fixture));
    }

    @Test
    void defaultShareOf32GiBIsTwoThirds() {
        GpuReading.Found f = assertInstanceOf(GpuReading.Found.class,
                new AppleSilicon(mac("sysctl/hw.memsize-32GiB.txt", "sysctl/iogpu.wired_limit_mb-default.txt")).read());
        Gpu g = f.gpus().get(0);
        assertEquals("Apple M2 Max (38-core GPU)", g.name());
        assertEquals("Apple M2 Max (38-core GPU)", DeviceTable.lookup(g.name()).orElseThrow().name());
        assertTrue(g.unifiedMemory());
        assertEquals(34359738368L * 2 / 3, g.vramTotalBytes());
    }

    @Test
    void defaultShareOf96GiBIsThreeQuartersAndOldMacOsHasNoSysctl() {
        GpuReading.Found f = assertInstanceOf(GpuReading.Found.class,
                new AppleSilicon(mac("sysctl/hw.memsize-96GiB.txt", null)).read());
        assertEquals(103079215104L * 3 / 4, f.gpus().get(0).vramTotalBytes());
    }

    @Test
    void wiredLimitWins() {
        GpuReading.Found f = assertInstanceOf(GpuReading.Found.class,
                new AppleSilicon(mac("sysctl/hw.memsize-96GiB.txt", "sysctl/iogpu.wired_limit_mb-56GiB.txt")).read());
        assertEquals(56L << 30, f.gpus().get(0).vramTotalBytes());
    }

    @Test
    void intelMacAndLinuxAreAbsent() {
        CommandRunner intel = c -> ok(c, "sysctl/machdep.cpu.brand_string-intel-mac.txt");
        assertInstanceOf(GpuReading.Absent.class, new AppleSilicon(intel).read());
        assertInstanceOf(GpuReading.Absent.class, new AppleSilicon(c -> new CommandOutcome.Missing(c, "not found")).read());
    }
}
