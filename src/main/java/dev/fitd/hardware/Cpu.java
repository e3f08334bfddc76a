package dev.fitd.hardware;

/**
 * The CPU.
 *
 * @param physicalCores physical cores on the host
 * @param logicalCores hardware threads on the host
 * @param usableCores cores this process may use (capped by a cgroup CPU quota or affinity)
 * @param architecture {@code x86_64}, {@code aarch64}, ...
 */
public record Cpu(String name, int physicalCores, int logicalCores, double usableCores, String architecture) { }
