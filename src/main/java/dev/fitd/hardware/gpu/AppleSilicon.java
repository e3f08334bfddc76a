package dev.fitd.hardware.gpu;

import dev.fitd.hardware.AppleGpuShare;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.process.CommandOutcome;
import dev.fitd.process.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The GPU of an Apple-silicon Mac, from {@code sysctl -n machdep.cpu.brand_string} ({@code Apple M2 Max}),
 * {@code sysctl -n hw.memsize} (bytes), {@code sysctl -n iogpu.wired_limit_mb} (MiB, 0 = default; macOS 14+)
 * and the GPU core count from {@code system_profiler SPDisplaysDataType} ({@code Total Number of Cores: 38}),
 * which tells the 30-core M2 Max from the 38-core one in the device table. The GPU's memory is the share of
 * RAM Metal lets it wire ({@link AppleGpuShare}).
 */
public final class AppleSilicon implements GpuSource {

    private final CommandRunner runner;

    public AppleSilicon(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public GpuReading read() {
        CommandOutcome brand = runner.run("sysctl", "-n", "machdep.cpu.brand_string");
        if (brand instanceof CommandOutcome.Missing) {
            return new GpuReading.Absent("sysctl not found");
        }
        if (!(brand instanceof CommandOutcome.Ok b)) {
            return new GpuReading.Failed(brand.describe());
        }
        Optional<String> chip = parseBrand(b.lines());
        if (chip.isEmpty()) {
            return new GpuReading.Absent("not Apple silicon");
        }
        CommandOutcome memsize = runner.run("sysctl", "-n", "hw.memsize");
        if (!(memsize instanceof CommandOutcome.Ok m)) {
            return new GpuReading.Failed(memsize.describe());
        }
        long ram;
        try {
            ram = parseMemsize(m.lines());
        } catch (IllegalArgumentException e) {
            return new GpuReading.Failed("sysctl hw.memsize: " + e.getMessage());
        }
        List<String> notes = new ArrayList<>();
        Long wired = null;
        CommandOutcome limit = runner.run("sysctl", "-n", "iogpu.wired_limit_mb");
        if (limit instanceof CommandOutcome.Ok l) {
            try {
                wired = parseWiredLimitMb(l.lines());
            } catch (IllegalArgumentException e) {
                notes.add("sysctl iogpu.wired_limit_mb: " + e.getMessage() + "; using the macOS default share");
            }
        }
        String name = chip.get();
        CommandOutcome displays = runner.run("system_profiler", "SPDisplaysDataType");
        if (displays instanceof CommandOutcome.Ok d) {
            Optional<Integer> cores = parseGpuCores(d.lines());
            if (cores.isPresent()) {
                name = name + " (" + cores.get() + "-core GPU)";
            }
        } else {
            notes.add("GPU core count unknown (" + displays.describe() + "): the table's slowest variant of "
                    + chip.get() + " is assumed");
        }
        long usable = AppleGpuShare.usableBytes(ram, wired);
        notes.add("Apple GPU memory: " + (wired != null && wired > 0
                ? "iogpu.wired_limit_mb = " + wired + " MiB"
                : "macOS default wired limit (" + Math.round(AppleGpuShare.defaultFraction(ram) * 100) + " % of RAM)"));
        return new GpuReading.Found(List.of(new Gpu(0, null, name, GpuVendor.APPLE, Backend.METAL, usable, null, true,
                null, null, null, null, "sysctl")), notes);
    }

    /** {@code Apple M2 Max} → present; an Intel Mac's {@code Intel(R) Core(TM) i9-9880H ...} → empty. */
    public static Optional<String> parseBrand(List<String> lines) {
        return lines.stream().map(String::strip).filter(s -> s.startsWith("Apple ")).findFirst();
    }

    /** {@code sysctl -n hw.memsize}: bytes. */
    public static long parseMemsize(List<String> lines) {
        long v = number(lines, "hw.memsize");
        if (v <= 0) {
            throw new IllegalArgumentException("hw.memsize must be positive, was " + v);
        }
        return v;
    }

    /** {@code sysctl -n iogpu.wired_limit_mb}: MiB, 0 = the macOS default. */
    public static long parseWiredLimitMb(List<String> lines) {
        long v = number(lines, "iogpu.wired_limit_mb");
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        return v;
    }

    /** {@code Total Number of Cores: 38} in the Apple GPU's section of {@code system_profiler SPDisplaysDataType}. */
    public static Optional<Integer> parseGpuCores(List<String> lines) {
        for (String line : lines) {
            String s = line.strip();
            if (s.startsWith("Total Number of Cores:")) {
                try {
                    return Optional.of(Integer.valueOf(s.substring(s.indexOf(':') + 1).strip()));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static long number(List<String> lines, String what) {
        List<String> values = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (values.size() != 1) {
            throw new IllegalArgumentException(what + ": expected one value, got " + values.size() + " lines");
        }
        try {
            return Long.parseLong(values.get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": not a number: '" + values.get(0) + "'");
        }
    }
}
