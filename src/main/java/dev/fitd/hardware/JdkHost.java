package dev.fitd.hardware;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * Host facts from the JDK alone, the source that always answers: {@code com.sun.management}'s total and
 * free memory (container-aware since JDK 14) and {@link Runtime#availableProcessors()}. It knows no CPU
 * name and counts free memory, not available memory (page cache is not counted), so it comes last.
 */
public final class JdkHost implements HostSource {

    @Override
    public String name() {
        return "JDK";
    }

    @Override
    public Optional<HostCpu> cpu() {
        int cpus = Runtime.getRuntime().availableProcessors();
        return Optional.of(new HostCpu(null, null, null, cpus, ProcHost.architecture(System.getProperty("os.arch"))));
    }

    @Override
    public Optional<HostMemory> memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return Optional.of(new HostMemory(total, Math.max(0, os.getFreeMemorySize())));
            }
        }
        return Optional.empty();
    }
}
