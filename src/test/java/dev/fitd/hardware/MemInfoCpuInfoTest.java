package dev.fitd.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemInfoCpuInfoTest {

    @Test
    void meminfoOfThisMachine() {
        MemInfo m = MemInfo.parse(Fixtures.lines("meminfo/this-machine-container.txt"));
        assertEquals(24684096L * 1024, m.totalBytes());
        assertEquals(24361204L * 1024, m.availableBytes());
        assertEquals("MemAvailable", m.availableField());
    }

    @Test
    void meminfoWithoutMemAvailableAddsFreeBuffersCached() {
        MemInfo m = MemInfo.parse(Fixtures.lines("meminfo/old-kernel-no-memavailable.txt"));
        assertEquals(8061328L * 1024, m.totalBytes());
        assertEquals((1152308L + 210812 + 4012140) * 1024, m.availableBytes());
        assertEquals("MemFree+Buffers+Cached", m.availableField());
    }

    @ParameterizedTest
    @ValueSource(strings = {"meminfo/malformed-no-memtotal.txt", "meminfo/empty.txt"})
    void meminfoWithoutTotalIsRejected(String fixture) {
        assertThrows(IllegalArgumentException.class, () -> MemInfo.parse(Fixtures.lines(fixture)));
    }

    @Test
    void cpuinfoOfThisMachine() {
        CpuInfo c = CpuInfo.parse(Fixtures.lines("cpuinfo/this-machine-epyc-2vcpu.txt"));
        assertEquals("AMD EPYC", c.modelName());
        assertEquals(2, c.logicalCores());
        assertEquals(2, c.physicalCores());
    }

    @Test
    void cpuinfoWithSmtCountsCoresOnce() {
        CpuInfo c = CpuInfo.parse(Fixtures.lines("cpuinfo/ryzen-7600x-6c12t.txt"));
        assertEquals("AMD Ryzen 5 7600X 6-Core Processor", c.modelName());
        assertEquals(12, c.logicalCores());
        assertEquals(6, c.physicalCores());
    }

    @Test
    void cpuinfoOnArmNamesTheCoreAndLeavesPhysicalUnknown() {
        CpuInfo c = CpuInfo.parse(Fixtures.lines("cpuinfo/graviton3-aarch64.txt"));
        assertEquals("Arm Neoverse V1", c.modelName());
        assertEquals(2, c.logicalCores());
        assertNull(c.physicalCores());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpuinfo/malformed-no-processor.txt", "cpuinfo/empty.txt"})
    void cpuinfoWithoutProcessorsIsRejected(String fixture) {
        assertThrows(IllegalArgumentException.class, () -> CpuInfo.parse(Fixtures.lines(fixture)));
    }
}
