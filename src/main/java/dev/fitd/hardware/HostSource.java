package dev.fitd.hardware;

import java.util.Optional;

/**
 * One way of reading the host's CPU and RAM (/proc, OSHI, the JDK). The probe asks several in order and
 * takes, per value, the first that knows it. Methods return empty when the source does not apply (e.g.
 * /proc on macOS) and may throw when it applies but breaks; the probe turns a throw into a warning.
 */
public interface HostSource {

    /** Short name for provenance, e.g. {@code /proc/meminfo} or {@code OSHI}. */
    String name();

    Optional<HostCpu> cpu();

    Optional<HostMemory> memory();

    /** Installed memory modules, when the source can see them (OSHI on Windows/macOS; Linux needs root). */
    default Optional<MemoryModules> memoryModules() {
        return Optional.empty();
    }

    /**
     * CPU facts; any field may be null when this source cannot tell.
     *
     * @param affinityCores CPUs this process may be scheduled on (what {@code nproc} prints), null if unknown
     */
    record HostCpu(String name, Integer physicalCores, Integer logicalCores, Integer affinityCores, String architecture) { }

    /** Host RAM in bytes (not yet bounded by a container limit). */
    record HostMemory(long totalBytes, long availableBytes) {
        public HostMemory {
            if (totalBytes <= 0 || availableBytes < 0) {
                throw new IllegalArgumentException("implausible memory: total " + totalBytes + ", available " + availableBytes);
            }
        }
    }

    /**
     * Installed DIMMs / packages.
     *
     * @param type e.g. {@code DDR5}, {@code LPDDR5}; null if unknown
     * @param megaTransfersPerSecond data rate (DDR5-5600 → 5600), null if unknown
     * @param modules number of populated modules
     */
    record MemoryModules(String type, Long megaTransfersPerSecond, int modules) { }
}
