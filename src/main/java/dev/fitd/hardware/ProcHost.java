package dev.fitd.hardware;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Linux host facts from {@code /proc}: {@code /proc/meminfo}, {@code /proc/cpuinfo}, and the affinity mask
 * ({@code Cpus_allowed_list} in {@code /proc/self/status}, what {@code nproc} counts). Empty elsewhere.
 */
public final class ProcHost implements HostSource {

    private final SystemFiles files;
    private final String architecture;

    /** @param architecture {@code x86_64}, {@code aarch64} ... (see {@link #architecture(String)}) */
    public ProcHost(SystemFiles files, String architecture) {
        this.files = Objects.requireNonNull(files, "files");
        this.architecture = architecture;
    }

    @Override
    public String name() {
        return "/proc";
    }

    @Override
    public Optional<HostCpu> cpu() {
        Optional<List<String>> lines = files.lines("/proc/cpuinfo");
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        CpuInfo info = CpuInfo.parse(lines.get());
        Integer affinity = files.lines("/proc/self/status").flatMap(ProcHost::cpusAllowed).orElse(null);
        return Optional.of(new HostCpu(info.modelName(), info.physicalCores(), info.logicalCores(), affinity, architecture));
    }

    @Override
    public Optional<HostMemory> memory() {
        return files.lines("/proc/meminfo").map(MemInfo::parse)
                .map(m -> new HostMemory(m.totalBytes(), m.availableBytes()));
    }

    /** {@code Cpus_allowed_list:\t0-3,8-11} → 8. */
    static Optional<Integer> cpusAllowed(List<String> status) {
        for (String line : status) {
            if (line.startsWith("Cpus_allowed_list:")) {
                String list = line.substring(line.indexOf(':') + 1).strip();
                int count = 0;
                for (String range : list.split(",")) {
                    if (range.isBlank()) {
                        continue;
                    }
                    String[] ends = range.strip().split("-");
                    try {
                        count += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
                return count > 0 ? Optional.of(count) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The JVM's {@code os.arch} in the kernel's words: {@code amd64} → {@code x86_64}. */
    public static String architecture(String osArch) {
        if (osArch == null) {
            return null;
        }
        return switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch;
        };
    }
}
