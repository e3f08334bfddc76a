package dev.fitd.hardware.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.fitd.hardware.CgroupLimits;
import dev.fitd.hardware.SystemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fitd.hardware.apply-container-limits: a DaemonSet describes its node, not its own cgroup. */
class ContainerLimitsSettingTest {

    /** A cgroup v1 container limited to 512 MiB and one CPU, as `podman run --memory=512m --cpus=1` makes it. */
    private static SystemFiles limitedContainer(Path root) throws IOException {
        write(root, "/proc/self/cgroup", "4:memory:/libpod_parent/libpod-1\n1:cpu:/libpod_parent/libpod-1\n");
        write(root, "/proc/self/mountinfo",
                "30 25 0:26 /libpod_parent/libpod-1 /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
                        + "31 25 0:27 /libpod_parent/libpod-1 /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n");
        write(root, "/sys/fs/cgroup/memory/memory.limit_in_bytes", "536870912\n");
        write(root, "/sys/fs/cgroup/memory/memory.usage_in_bytes", "104857600\n");
        write(root, "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "100000\n");
        write(root, "/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n");
        return SystemFiles.under(root);
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void limitsAreReadByDefaultAndNotWhenTurnedOff(@TempDir Path root) throws IOException {
        SystemFiles files = limitedContainer(root);
        ProbeSettings applied = new ProbeSettings(Duration.ofSeconds(1), "nvidia-smi", "rocm-smi", Optional.of("n"));
        CgroupLimits read = HardwareProbes.sources(applied, Map.of(), files).cgroups().get();
        assertEquals(536870912L, read.memoryLimitBytes(), "the fixture is a real limit: " + read);
        assertEquals(1.0, read.cpuLimitCores());

        ProbeSettings off = new ProbeSettings(Duration.ofSeconds(1), "nvidia-smi", "rocm-smi", Optional.of("n"), false);
        CgroupLimits none = HardwareProbes.sources(off, Map.of(), files).cgroups().get();
        assertNull(none.memoryLimitBytes());
        assertNull(none.memoryHeadroomBytes());
        assertNull(none.cpuLimitCores());
    }
}
