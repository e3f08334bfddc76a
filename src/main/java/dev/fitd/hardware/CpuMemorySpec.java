package dev.fitd.hardware;

/**
 * One row of the CPU part of the {@link DeviceTable}: the memory bandwidth a CPU sees with an assumed
 * memory configuration (a CPU's bandwidth depends on the DIMMs, so the assumption is part of the data).
 *
 * @param name display name, e.g. {@code Ryzen 5 7600X}
 * @param memoryBandwidthGbps peak system-memory bandwidth in GB/s (10^9 bytes/s) under {@code assumedMemory}
 * @param cores CPU cores of the chip (all core types counted), null when the name covers several bins
 * @param assumedMemory channels, memory type and speed assumed, and why
 */
public record CpuMemorySpec(String name, double memoryBandwidthGbps, Integer cores, String assumedMemory) { }
