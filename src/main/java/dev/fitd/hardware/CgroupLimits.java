package dev.fitd.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The limits the process's control groups put on memory and CPU, read from the cgroup file system.
 * Every limit on the way from this process's cgroup up to the mounted root binds, so the smallest wins.
 *
 * @param memoryLimitBytes smallest memory limit, null when unlimited or unreadable
 * @param memoryHeadroomBytes smallest {@code limit - usage} over the limited cgroups: what a new model
 *                            could still allocate before the OOM killer; null when unlimited
 * @param cpuLimitCores smallest CPU quota in CPUs (quota / period), null when unlimited
 * @param memorySource the file the memory limit came from, e.g. {@code cgroup v2 memory.max}
 * @param cpuSource the file the CPU limit came from
 * @param notes what could not be read (not an error: most hosts have no limits)
 */
public record CgroupLimits(
        Long memoryLimitBytes,
        Long memoryHeadroomBytes,
        Double cpuLimitCores,
        String memorySource,
        String cpuSource,
        List<String> notes) {

    public CgroupLimits {
        notes = List.copyOf(notes);
    }

    /** Reads the limits of the current process from {@code /proc/self/cgroup} and the mounted hierarchies. */
    public static CgroupLimits read(SystemFiles files) {
        List<String> notes = new ArrayList<>();
        Optional<List<String>> self = files.lines("/proc/self/cgroup");
        if (self.isEmpty()) {
            return new CgroupLimits(null, null, null, null, null, List.of("no /proc/self/cgroup (not Linux?)"));
        }
        Cgroups.Membership membership = Cgroups.parseMembership(self.get());
        List<Cgroups.Mount> mounts = files.lines("/proc/self/mountinfo").map(Cgroups::parseMounts)
                .orElseGet(() -> defaultMounts(files));

        Long limit = null;
        Long headroom = null;
        String memorySource = null;
        List<String> v2 = Cgroups.directories(membership, mounts, null);
        List<String> v1Memory = Cgroups.directories(membership, mounts, "memory");
        for (String dir : v2) {
            Optional<List<String>> max = files.lines(dir + "/memory.max");
            if (max.isEmpty()) {
                continue;
            }
            memorySource = memorySource == null ? "cgroup v2 memory.max" : memorySource;
            OptionalLong value = Cgroups.parseMemoryLimit(max.get());
            if (value.isPresent()) {
                long used = files.lines(dir + "/memory.current").map(Cgroups::parseBytes).orElse(0L);
                if (limit == null || value.getAsLong() < limit) {
                    limit = value.getAsLong();
                    memorySource = "cgroup v2 " + dir + "/memory.max";
                }
                long room = Math.max(0, value.getAsLong() - used);
                headroom = headroom == null ? room : Math.min(headroom, room);
            }
        }
        if (memorySource == null) {
            for (String dir : v1Memory) {
                Optional<List<String>> max = files.lines(dir + "/memory.limit_in_bytes");
                if (max.isEmpty()) {
                    continue;
                }
                memorySource = memorySource == null ? "cgroup v1 memory.limit_in_bytes" : memorySource;
                OptionalLong value = Cgroups.parseMemoryLimit(max.get());
                if (value.isPresent()) {
                    long used = files.lines(dir + "/memory.usage_in_bytes").map(Cgroups::parseBytes).orElse(0L);
                    if (limit == null || value.getAsLong() < limit) {
                        limit = value.getAsLong();
                        memorySource = "cgroup v1 " + dir + "/memory.limit_in_bytes";
                    }
                    long room = Math.max(0, value.getAsLong() - used);
                    headroom = headroom == null ? room : Math.min(headroom, room);
                }
            }
        }
        if (memorySource == null) {
            notes.add("no cgroup memory controller files found");
        }

        Double cpu = null;
        String cpuSource = null;
        for (String dir : v2) {
            Optional<List<String>> max = files.lines(dir + "/cpu.max");
            if (max.isEmpty()) {
                continue;
            }
            cpuSource = cpuSource == null ? "cgroup v2 cpu.max" : cpuSource;
            Optional<Double> cores = Cgroups.parseCpuMax(max.get());
            if (cores.isPresent() && (cpu == null || cores.get() < cpu)) {
                cpu = cores.get();
                cpuSource = "cgroup v2 " + dir + "/cpu.max";
            }
        }
        if (cpuSource == null) {
            for (String dir : Cgroups.directories(membership, mounts, "cpu")) {
                Optional<List<String>> quota = files.lines(dir + "/cpu.cfs_quota_us");
                Optional<List<String>> period = files.lines(dir + "/cpu.cfs_period_us");
                if (quota.isEmpty() || period.isEmpty()) {
                    continue;
                }
                cpuSource = cpuSource == null ? "cgroup v1 cpu.cfs_quota_us" : cpuSource;
                Optional<Double> cores = Cgroups.parseCfsQuota(quota.get(), period.get());
                if (cores.isPresent() && (cpu == null || cores.get() < cpu)) {
                    cpu = cores.get();
                    cpuSource = "cgroup v1 " + dir + "/cpu.cfs_quota_us";
                }
            }
        }
        if (cpuSource == null) {
            notes.add("no cgroup cpu controller files found");
        }
        return new CgroupLimits(limit, headroom, cpu, memorySource, cpuSource, notes);
    }

    /** Without mountinfo, assume the usual places: v2 at /sys/fs/cgroup, v1 controllers below it. */
    private static List<Cgroups.Mount> defaultMounts(SystemFiles files) {
        if (files.exists("/sys/fs/cgroup/cgroup.controllers")) {
            return List.of(new Cgroups.Mount("/", "/sys/fs/cgroup", true, java.util.Set.of()));
        }
        return List.of(
                new Cgroups.Mount("/", "/sys/fs/cgroup/memory", false, java.util.Set.of("memory")),
                new Cgroups.Mount("/", "/sys/fs/cgroup/cpu", false, java.util.Set.of("cpu")),
                new Cgroups.Mount("/", "/sys/fs/cgroup/unified", true, java.util.Set.of()));
    }
}
