package dev.fitd.hardware;

import java.util.Locale;
import java.util.Optional;

/**
 * Peak system-RAM bandwidth (GB/s, 10^9 B/s), the roofline for CPU inference and for layers offloaded to
 * the CPU. Decided in this order, each saying where it came from:
 * <ol>
 *   <li>a unified-memory GPU (Apple silicon, DGX Spark, Strix Halo): its bandwidth, because the CPU and GPU
 *       share that memory;</li>
 *   <li>the CPU table ({@link DeviceTable#lookupCpu}), which states the memory configuration it assumes;</li>
 *   <li>installed modules when the OS shows them: {@code min(modules, 2) × 8 B × MT/s} (desktop and laptop
 *       boards have two channels; more modules share them);</li>
 *   <li>otherwise {@value #DEFAULT_GBPS} GB/s: dual-channel DDR5-5200 (2 × 8 B × 5200 MT/s), the common
 *       desktop/laptop configuration since 2022. DDR4-3200 machines have 51.2 GB/s, servers with more
 *       channels several times more; set {@code fitd.hardware.ram-bandwidth-gbps} when it matters. Reading
 *       the real configuration needs {@code dmidecode} as root, which a daemon should not require.</li>
 * </ol>
 */
public final class SystemRamBandwidth {

    /** Dual-channel DDR5-5200: 2 channels × 8 bytes × 5200 MT/s. */
    public static final double DEFAULT_GBPS = 83.2;

    private SystemRamBandwidth() { }

    /** A bandwidth and its provenance; {@code isDefault} when nothing about this machine was known. */
    public record Estimate(double gbps, String source, boolean isDefault) { }

    public static Estimate estimate(String cpuName, Gpu unifiedGpu, Optional<HostSource.MemoryModules> modules) {
        if (unifiedGpu != null && unifiedGpu.memoryBandwidthGbps() != null) {
            return new Estimate(unifiedGpu.memoryBandwidthGbps(),
                    "unified memory of " + unifiedGpu.name() + " (device table)", false);
        }
        if (cpuName != null) {
            Optional<CpuMemorySpec> cpu = DeviceTable.lookupCpu(cpuName);
            if (cpu.isPresent()) {
                return new Estimate(cpu.get().memoryBandwidthGbps(),
                        "CPU table: " + cpu.get().name() + ", assuming " + cpu.get().assumedMemory(), false);
            }
        }
        if (modules.isPresent() && modules.get().megaTransfersPerSecond() != null && modules.get().modules() > 0) {
            HostSource.MemoryModules m = modules.get();
            int channels = Math.min(m.modules(), 2);
            double gbps = channels * 8.0 * m.megaTransfersPerSecond() / 1000.0;
            String type = m.type() == null ? "memory" : m.type().toUpperCase(Locale.ROOT);
            return new Estimate(gbps, m.modules() + " module(s) of " + type + "-" + m.megaTransfersPerSecond()
                    + ", assuming " + channels + " channel(s)", false);
        }
        return new Estimate(DEFAULT_GBPS, "default: dual-channel DDR5-5200 (memory configuration not readable)", true);
    }
}
