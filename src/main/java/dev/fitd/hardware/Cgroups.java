package dev.fitd.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pure parsers for the Linux control-group files that bound what this process may use. The container's
 * limits, not the host's hardware, decide what fits: OSHI and {@code /proc/meminfo} both report the host.
 *
 * <p>Unlimited is reported as empty, never as a huge number: cgroup v2 writes {@code max}; cgroup v1 writes
 * {@code 9223372036854771712} (2^63 rounded down to a page) or -1, so any value ≥ 2^62 counts as unlimited.
 */
final class Cgroups {

    /** cgroup v1 values at or above this mean "no limit" (the kernel's PAGE_COUNTER_MAX is near 2^63). */
    static final long V1_UNLIMITED = 1L << 62;

    private Cgroups() { }

    /**
     * This process's place in the cgroup trees, from {@code /proc/self/cgroup}.
     *
     * @param v2Path path in the unified (v2) hierarchy, from the {@code 0::} line; null when there is none
     * @param v1Paths path per v1 controller ({@code memory}, {@code cpu}, ...); a line
     *                {@code 2:cpu,cpuacct:/x} gives both names
     */
    public record Membership(String v2Path, Map<String, String> v1Paths) {
        public Membership {
            v1Paths = Map.copyOf(v1Paths);
        }
    }

    /**
     * One cgroup file system from {@code /proc/self/mountinfo}.
     *
     * @param root the path inside the hierarchy that is mounted (not {@code /} when a container sees only
     *             its own subtree without a cgroup namespace)
     * @param mountPoint where it is mounted, e.g. {@code /sys/fs/cgroup/memory}
     * @param v2 true for {@code cgroup2}
     * @param controllers v1 controllers of the mount (from the super options), empty for v2
     */
    public record Mount(String root, String mountPoint, boolean v2, Set<String> controllers) {
        public Mount {
            controllers = Set.copyOf(controllers);
        }
    }

    /** Parses {@code /proc/self/cgroup}: lines {@code hierarchy-id:controllers:path}; bad lines are skipped. */
    public static Membership parseMembership(List<String> lines) {
        String v2 = null;
        Map<String, String> v1 = new HashMap<>();
        for (String line : lines) {
            String[] f = line.strip().split(":", 3);
            if (f.length != 3 || !f[2].startsWith("/")) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2 = f[2];
            } else {
                for (String controller : f[1].split(",")) {
                    if (!controller.isEmpty()) {
                        v1.put(controller.startsWith("name=") ? controller.substring(5) : controller, f[2]);
                    }
                }
            }
        }
        return new Membership(v2, v1);
    }

    /**
     * Parses the cgroup mounts out of {@code /proc/self/mountinfo}
     * ({@code id parent major:minor root mount-point options [optional...] - fstype source super-options}).
     */
    public static List<Mount> parseMounts(List<String> lines) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            int dash = Arrays.asList(f).indexOf("-");
            if (dash < 6 || f.length < dash + 4) {
                continue;
            }
            String type = f[dash + 1];
            if (!type.equals("cgroup") && !type.equals("cgroup2")) {
                continue;
            }
            Set<String> controllers = type.equals("cgroup2") ? Set.of()
                    : Arrays.stream(f[dash + 3].split(","))
                            .map(o -> o.startsWith("name=") ? o.substring(5) : o)
                            .collect(Collectors.toSet());
            mounts.add(new Mount(unescape(f[3]), unescape(f[4]), type.equals("cgroup2"), controllers));
        }
        return mounts;
    }

    /**
     * The directories holding this process's files for a controller, from its own cgroup up to the root of
     * the mounted hierarchy (limits of ancestors bind too). {@code controller} null means cgroup v2.
     * Empty when the hierarchy is not mounted.
     */
    public static List<String> directories(Membership membership, List<Mount> mounts, String controller) {
        String path = controller == null ? membership.v2Path() : membership.v1Paths().get(controller);
        if (path == null) {
            return List.of();
        }
        Optional<Mount> mount = mounts.stream()
                .filter(m -> controller == null ? m.v2() : m.controllers().contains(controller))
                .findFirst();
        if (mount.isEmpty()) {
            return List.of();
        }
        String root = mount.get().root();
        String relative;
        if (root.equals("/")) {
            relative = path;
        } else if (path.equals(root) || path.startsWith(root + "/")) {
            relative = path.substring(root.length());
        } else {
            relative = "/";
        }
        List<String> dirs = new ArrayList<>();
        String base = mount.get().mountPoint();
        String rel = relative.equals("/") ? "" : relative;
        while (true) {
            dirs.add(base + rel);
            if (rel.isEmpty()) {
                break;
            }
            rel = rel.substring(0, rel.lastIndexOf('/'));
        }
        return dirs;
    }

    /**
     * A memory limit file: v2 {@code memory.max} or v1 {@code memory.limit_in_bytes}. Empty for unlimited
     * ({@code max}, -1, or ≥ 2^62).
     *
     * @throws IllegalArgumentException for anything else that is not a byte count
     */
    public static OptionalLong parseMemoryLimit(List<String> lines) {
        String value = single(lines, "memory limit");
        if (value.equals("max")) {
            return OptionalLong.empty();
        }
        long bytes = parseLong(value, "memory limit");
        return bytes < 0 || bytes >= V1_UNLIMITED ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    /** A byte counter: v2 {@code memory.current} or v1 {@code memory.usage_in_bytes}. */
    public static long parseBytes(List<String> lines) {
        long bytes = parseLong(single(lines, "memory usage"), "memory usage");
        if (bytes < 0) {
            throw new IllegalArgumentException("memory usage is negative: " + bytes);
        }
        return bytes;
    }

    /**
     * v2 {@code cpu.max}: {@code "$QUOTA $PERIOD"} in microseconds, QUOTA {@code max} when unlimited.
     * Returns the number of CPUs the quota allows (quota / period), empty when unlimited.
     */
    public static Optional<Double> parseCpuMax(List<String> lines) {
        String[] f = single(lines, "cpu.max").split("\\s+");
        if (f.length < 1 || f.length > 2) {
            throw new IllegalArgumentException("cpu.max: expected '<quota|max> [period]', got '" + String.join(" ", f) + "'");
        }
        if (f[0].equals("max")) {
            return Optional.empty();
        }
        long quota = parseLong(f[0], "cpu.max quota");
        long period = f.length == 2 ? parseLong(f[1], "cpu.max period") : 100_000;
        return cores(quota, period, "cpu.max");
    }

    /** v1 {@code cpu.cfs_quota_us} (-1 = unlimited) and {@code cpu.cfs_period_us}: CPUs allowed, empty when unlimited. */
    public static Optional<Double> parseCfsQuota(List<String> quotaLines, List<String> periodLines) {
        long quota = parseLong(single(quotaLines, "cpu.cfs_quota_us"), "cpu.cfs_quota_us");
        if (quota < 0) {
            return Optional.empty();
        }
        long period = parseLong(single(periodLines, "cpu.cfs_period_us"), "cpu.cfs_period_us");
        return cores(quota, period, "cpu.cfs_quota_us");
    }

    private static Optional<Double> cores(long quota, long period, String what) {
        if (period <= 0 || quota <= 0) {
            throw new IllegalArgumentException(what + ": quota " + quota + " / period " + period + " is not a limit");
        }
        return Optional.of((double) quota / period);
    }

    private static String single(List<String> lines, String what) {
        List<String> values = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (values.size() != 1) {
            throw new IllegalArgumentException(what + ": expected one value, got " + values.size() + " lines");
        }
        return values.get(0);
    }

    private static long parseLong(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": not a number: '" + value + "'");
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal {@code \040} etc. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
