package dev.fitd.hardware.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fitd.hardware.CgroupLimits;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.MemInfo;
import dev.fitd.hardware.SystemFiles;
import dev.fitd.process.CommandOutcome;
import dev.fitd.process.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The real probe on the machine running the tests. On a Linux build machine without a GPU (the project's
 * CI), RAM must agree with /proc/meminfo (or the cgroup limit when lower) and usable cores with nproc.
 */
class ThisMachineProbeTest {

    @Test
    void agreesWithProcMeminfoCgroupAndNproc() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/meminfo")), "Linux only");
        HardwareSnapshot s = HardwareProbes.system(ProbeSettings.defaults()).probe(null, 1);

        MemInfo meminfo = MemInfo.parse(Files.readAllLines(Path.of("/proc/meminfo")));
        CgroupLimits limits = CgroupLimits.read(SystemFiles.host());
        long expectedTotal = limits.memoryLimitBytes() == null
                ? meminfo.totalBytes() : Math.min(meminfo.totalBytes(), limits.memoryLimitBytes());
        assertEquals(expectedTotal, s.memory().totalBytes());
        assertTrue(s.memory().availableBytes() > 0 && s.memory().availableBytes() <= s.memory().totalBytes());

        CommandOutcome nproc = CommandRunner.system(Duration.ofSeconds(5)).run("nproc");
        assumeTrue(nproc instanceof CommandOutcome.Ok, "nproc not available");
        double cores = Double.parseDouble(((CommandOutcome.Ok) nproc).lines().get(0).strip());
        double expectedCores = limits.cpuLimitCores() == null ? cores : Math.min(cores, limits.cpuLimitCores());
        assertEquals(expectedCores, s.cpu().usableCores());

        assertNotNull(s.cpu().name());
        assertTrue(s.memory().bandwidthGbps() > 0);
        assertFalse(s.provenance().get("memory.total").isBlank());
        assertFalse(s.provenance().get("cpu.usable_cores").isBlank());
        System.out.println("this machine: " + s);
    }
}
