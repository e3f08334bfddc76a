package dev.fitd.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupsTest {

    private static final String ID = "7d3bfe0957aee8c57afb6b2aee1d5706";

    @Test
    void membershipOfThisMachineIsV1Hybrid() {
        Cgroups.Membership m = Cgroups.parseMembership(Fixtures.lines("cgroup/proc-self-cgroup-v1-hybrid-this-machine.txt"));
        assertEquals("/", m.v2Path());
        assertEquals("/process_api/" + ID, m.v1Paths().get("memory"));
        assertEquals("/", m.v1Paths().get("cpu"));
        assertEquals("/", m.v1Paths().get("systemd"));
    }

    @Test
    void combinedV1ControllersGetBothNames() {
        Cgroups.Membership m = Cgroups.parseMembership(Fixtures.lines("cgroup/proc-self-cgroup-v1-docker-no-namespace.txt"));
        assertEquals("/docker/3f1c8e4b2a9d", m.v1Paths().get("cpu"));
        assertEquals("/docker/3f1c8e4b2a9d", m.v1Paths().get("cpuacct"));
    }

    @Test
    void directoriesGoFromOwnCgroupUpToTheMountedRoot() {
        Cgroups.Membership m = Cgroups.parseMembership(Fixtures.lines("cgroup/proc-self-cgroup-v1-hybrid-this-machine.txt"));
        List<Cgroups.Mount> mounts = Cgroups.parseMounts(Fixtures.lines("cgroup/mountinfo-v1-hybrid-this-machine.txt"));
        assertEquals(List.of("/sys/fs/cgroup/memory/process_api/" + ID, "/sys/fs/cgroup/memory/process_api",
                "/sys/fs/cgroup/memory"), Cgroups.directories(m, mounts, "memory"));
        assertEquals(List.of("/sys/fs/cgroup/cpu"), Cgroups.directories(m, mounts, "cpu"));
        assertEquals(List.of("/sys/fs/cgroup/unified"), Cgroups.directories(m, mounts, null));
    }

    @Test
    void dockerWithoutCgroupNamespaceMountsItsOwnSubtree() {
        Cgroups.Membership m = Cgroups.parseMembership(Fixtures.lines("cgroup/proc-self-cgroup-v1-docker-no-namespace.txt"));
        List<Cgroups.Mount> mounts = Cgroups.parseMounts(Fixtures.lines("cgroup/mountinfo-v1-docker-no-namespace.txt"));
        assertEquals(List.of("/sys/fs/cgroup/memory"), Cgroups.directories(m, mounts, "memory"));
        assertEquals(List.of("/sys/fs/cgroup/cpu,cpuacct"), Cgroups.directories(m, mounts, "cpu"));
        assertEquals(List.of(), Cgroups.directories(m, mounts, null), "no cgroup2 mount");
    }

    @Test
    void limitValues() {
        assertEquals(OptionalLong.of(2L << 30), Cgroups.parseMemoryLimit(Fixtures.lines("cgroup/v2-memory.max-2GiB.txt")));
        assertEquals(OptionalLong.empty(), Cgroups.parseMemoryLimit(Fixtures.lines("cgroup/v2-memory.max-unlimited.txt")));
        assertEquals(OptionalLong.of(4L << 30), Cgroups.parseMemoryLimit(Fixtures.lines("cgroup/v1-memory.limit_in_bytes-4GiB.txt")));
        assertEquals(OptionalLong.empty(), Cgroups.parseMemoryLimit(Fixtures.lines("cgroup/v1-memory.limit_in_bytes-unlimited-this-machine.txt")));
        assertEquals(OptionalLong.empty(), Cgroups.parseMemoryLimit(Fixtures.lines("cgroup/v1-memory.limit_in_bytes-maxlong.txt")));
        assertEquals(OptionalLong.empty(), Cgroups.parseMemoryLimit(List.of("-1")));
        assertEquals(OptionalLong.empty(), Cgroups.parseMemoryLimit(List.of(Long.toString(1L << 62))));
        assertEquals(OptionalLong.of((1L << 62) - 1), Cgroups.parseMemoryLimit(List.of(Long.toString((1L << 62) - 1))));
        assertEquals(524288000L, Cgroups.parseBytes(Fixtures.lines("cgroup/v2-memory.current-500MiB.txt")));
        assertEquals(13840384L, Cgroups.parseBytes(Fixtures.lines("cgroup/v1-memory.usage_in_bytes-this-machine.txt")));
    }

    @Test
    void cpuQuotas() {
        assertEquals(Optional.of(1.5), Cgroups.parseCpuMax(Fixtures.lines("cgroup/v2-cpu.max-1.5cpus.txt")));
        assertEquals(Optional.empty(), Cgroups.parseCpuMax(Fixtures.lines("cgroup/v2-cpu.max-unlimited.txt")));
        assertEquals(Optional.of(2.0), Cgroups.parseCfsQuota(Fixtures.lines("cgroup/v1-cpu.cfs_quota_us-2cpus.txt"),
                Fixtures.lines("cgroup/v1-cpu.cfs_period_us-100ms.txt")));
        assertEquals(Optional.empty(), Cgroups.parseCfsQuota(Fixtures.lines("cgroup/v1-cpu.cfs_quota_us-unlimited-this-machine.txt"),
                Fixtures.lines("cgroup/v1-cpu.cfs_period_us-this-machine.txt")));
    }

    @Test
    void malformedAndEmptyValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Cgroups.parseMemoryLimit(Fixtures.lines("cgroup/malformed-memory.max.txt")));
        assertThrows(IllegalArgumentException.class, () -> Cgroups.parseMemoryLimit(Fixtures.lines("cgroup/empty.txt")));
        assertThrows(IllegalArgumentException.class, () -> Cgroups.parseCpuMax(List.of("a b c")));
        assertThrows(IllegalArgumentException.class, () -> Cgroups.parseCpuMax(List.of("0 100000")));
        assertThrows(IllegalArgumentException.class, () -> Cgroups.parseBytes(List.of("-5")));
    }

    @Test
    void readsV2LimitsWithHeadroomAndTheSmallestAncestor(@TempDir Path root) {
        Fixtures.place(root, "/proc/self/cgroup", "cgroup/proc-self-cgroup-v2-systemd-session.txt");
        Fixtures.place(root, "/proc/self/mountinfo", "cgroup/mountinfo-v2.txt");
        String leaf = "/sys/fs/cgroup/user.slice/user-1000.slice/session-3.scope";
        Fixtures.place(root, leaf + "/memory.max", "cgroup/v2-memory.max-unlimited.txt");
        Fixtures.write(root, leaf + "/memory.current", "100\n");
        Fixtures.place(root, leaf + "/cpu.max", "cgroup/v2-cpu.max-1.5cpus.txt");
        // the slice above limits to 2 GiB, of which 500 MiB are used by siblings and us
        Fixtures.place(root, "/sys/fs/cgroup/user.slice/memory.max", "cgroup/v2-memory.max-2GiB.txt");
        Fixtures.place(root, "/sys/fs/cgroup/user.slice/memory.current", "cgroup/v2-memory.current-500MiB.txt");
        Fixtures.place(root, "/sys/fs/cgroup/user.slice/cpu.max", "cgroup/v2-cpu.max-unlimited.txt");

        CgroupLimits limits = CgroupLimits.read(SystemFiles.under(root));
        assertEquals(2L << 30, limits.memoryLimitBytes());
        assertEquals((2L << 30) - 524288000L, limits.memoryHeadroomBytes());
        assertEquals(1.5, limits.cpuLimitCores());
        assertEquals("cgroup v2 /sys/fs/cgroup/user.slice/memory.max", limits.memorySource());
        assertEquals("cgroup v2 " + leaf + "/cpu.max", limits.cpuSource());
    }

    @Test
    void readsThisMachinesV1HybridLayoutAsUnlimited(@TempDir Path root) {
        Fixtures.place(root, "/proc/self/cgroup", "cgroup/proc-self-cgroup-v1-hybrid-this-machine.txt");
        Fixtures.place(root, "/proc/self/mountinfo", "cgroup/mountinfo-v1-hybrid-this-machine.txt");
        String mem = "/sys/fs/cgroup/memory/process_api/" + ID;
        Fixtures.place(root, mem + "/memory.limit_in_bytes", "cgroup/v1-memory.limit_in_bytes-unlimited-this-machine.txt");
        Fixtures.place(root, mem + "/memory.usage_in_bytes", "cgroup/v1-memory.usage_in_bytes-this-machine.txt");
        Fixtures.place(root, "/sys/fs/cgroup/memory/memory.limit_in_bytes", "cgroup/v1-memory.limit_in_bytes-unlimited-this-machine.txt");
        Fixtures.place(root, "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "cgroup/v1-cpu.cfs_quota_us-unlimited-this-machine.txt");
        Fixtures.place(root, "/sys/fs/cgroup/cpu/cpu.cfs_period_us", "cgroup/v1-cpu.cfs_period_us-this-machine.txt");

        CgroupLimits limits = CgroupLimits.read(SystemFiles.under(root));
        assertNull(limits.memoryLimitBytes());
        assertNull(limits.memoryHeadroomBytes());
        assertNull(limits.cpuLimitCores());
        assertEquals("cgroup v1 memory.limit_in_bytes", limits.memorySource());
        assertEquals("cgroup v1 cpu.cfs_quota_us", limits.cpuSource());
    }

    @Test
    void readsDockerV1Limits(@TempDir Path root) {
        Fixtures.place(root, "/proc/self/cgroup", "cgroup/proc-self-cgroup-v1-docker-no-namespace.txt");
        Fixtures.place(root, "/proc/self/mountinfo", "cgroup/mountinfo-v1-docker-no-namespace.txt");
        Fixtures.place(root, "/sys/fs/cgroup/memory/memory.limit_in_bytes", "cgroup/v1-memory.limit_in_bytes-4GiB.txt");
        Fixtures.write(root, "/sys/fs/cgroup/memory/memory.usage_in_bytes", Long.toString(1L << 30));
        Fixtures.place(root, "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "cgroup/v1-cpu.cfs_quota_us-2cpus.txt");
        Fixtures.place(root, "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "cgroup/v1-cpu.cfs_period_us-100ms.txt");

        CgroupLimits limits = CgroupLimits.read(SystemFiles.under(root));
        assertEquals(4L << 30, limits.memoryLimitBytes());
        assertEquals(3L << 30, limits.memoryHeadroomBytes());
        assertEquals(2.0, limits.cpuLimitCores());
    }

    @Test
    void noCgroupFilesAtAll(@TempDir Path root) {
        CgroupLimits limits = CgroupLimits.read(SystemFiles.under(root));
        assertNull(limits.memoryLimitBytes());
        assertTrue(limits.notes().get(0).contains("/proc/self/cgroup"));
    }
}
