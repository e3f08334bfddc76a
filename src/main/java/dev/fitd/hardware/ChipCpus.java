package dev.fitd.hardware;

import java.util.Map;
import java.util.Optional;

/**
 * The CPU of each system-on-chip in the {@link DeviceTable} whose GPU shares system memory (Apple silicon,
 * AMD Strix Halo and MI300A, NVIDIA GB10 and Jetson), by the table row's name. A what-if that names such a
 * chip names the whole machine, CPU included: its rows must not be computed with the host's CPU.
 *
 * <p>Core counts are the vendors' specifications (Apple's Mac technical specifications, AMD's and NVIDIA's
 * product pages). Where one GPU variant was sold with two CPU variants, the configuration Apple pairs with
 * that GPU in its tech specs is used (e.g. the 14-core-GPU M1 Pro with the 8-core CPU).
 */
final class ChipCpus {

    /** A chip's CPU: name, cores, and instruction set. */
    public record ChipCpu(String name, int cores, String architecture) { }

    private static final Map<String, ChipCpu> BY_DEVICE = Map.ofEntries(
            apple("Apple M1 (7-core GPU)", "Apple M1", 8), apple("Apple M1 (8-core GPU)", "Apple M1", 8),
            apple("Apple M1 Pro (14-core GPU)", "Apple M1 Pro", 8), apple("Apple M1 Pro (16-core GPU)", "Apple M1 Pro", 10),
            apple("Apple M1 Max (24-core GPU)", "Apple M1 Max", 10), apple("Apple M1 Max (32-core GPU)", "Apple M1 Max", 10),
            apple("Apple M1 Ultra (48-core GPU)", "Apple M1 Ultra", 20),
            apple("Apple M1 Ultra (64-core GPU)", "Apple M1 Ultra", 20),
            apple("Apple M2 (8-core GPU)", "Apple M2", 8), apple("Apple M2 (10-core GPU)", "Apple M2", 8),
            apple("Apple M2 Pro (16-core GPU)", "Apple M2 Pro", 10), apple("Apple M2 Pro (19-core GPU)", "Apple M2 Pro", 12),
            apple("Apple M2 Max (30-core GPU)", "Apple M2 Max", 12), apple("Apple M2 Max (38-core GPU)", "Apple M2 Max", 12),
            apple("Apple M2 Ultra (60-core GPU)", "Apple M2 Ultra", 24),
            apple("Apple M2 Ultra (76-core GPU)", "Apple M2 Ultra", 24),
            apple("Apple M3 (8-core GPU)", "Apple M3", 8), apple("Apple M3 (10-core GPU)", "Apple M3", 8),
            apple("Apple M3 Pro (14-core GPU)", "Apple M3 Pro", 11), apple("Apple M3 Pro (18-core GPU)", "Apple M3 Pro", 12),
            apple("Apple M3 Max (30-core GPU)", "Apple M3 Max", 14), apple("Apple M3 Max (40-core GPU)", "Apple M3 Max", 16),
            apple("Apple M3 Ultra (60-core GPU)", "Apple M3 Ultra", 28),
            apple("Apple M3 Ultra (80-core GPU)", "Apple M3 Ultra", 32),
            apple("Apple M4 (8-core GPU)", "Apple M4", 8), apple("Apple M4 (10-core GPU)", "Apple M4", 10),
            apple("Apple M4 Pro (16-core GPU)", "Apple M4 Pro", 12), apple("Apple M4 Pro (20-core GPU)", "Apple M4 Pro", 14),
            apple("Apple M4 Max (32-core GPU)", "Apple M4 Max", 14), apple("Apple M4 Max (40-core GPU)", "Apple M4 Max", 16),
            apple("Apple M5 (10-core GPU)", "Apple M5", 10),
            // ASSUMED: M5 Pro / M5 Max core counts are not in the table's sources; the M4 generation's top bins
            // (M4 Pro 14, M4 Max 32-core GPU 14, 40-core GPU 16) until Apple's specifications are added
            apple("Apple M5 Pro", "Apple M5 Pro", 14),
            apple("Apple M5 Max (32-core GPU)", "Apple M5 Max", 14), apple("Apple M5 Max (40-core GPU)", "Apple M5 Max", 16),
            // Lunar Lake: every Core Ultra 200V has 4 P-cores and 4 LP E-cores (Intel Core Ultra 200V specifications)
            chip("Intel Arc 130V (Lunar Lake)", "Intel Core Ultra 5 200V (Lunar Lake)", 8, "x86_64"),
            chip("Intel Arc 140V (Lunar Lake)", "Intel Core Ultra 7 200V (Lunar Lake)", 8, "x86_64"),
            chip("Ryzen AI Max+ 395 (Radeon 8060S)", "AMD Ryzen AI Max+ 395", 16, "x86_64"),
            chip("Ryzen AI Max 390 (Radeon 8050S)", "AMD Ryzen AI Max 390", 12, "x86_64"),
            chip("Ryzen AI Max 385 (Radeon 8050S)", "AMD Ryzen AI Max 385", 8, "x86_64"),
            chip("Instinct MI300A", "AMD Instinct MI300A (Zen 4)", 24, "x86_64"),
            chip("GB10 (DGX Spark)", "NVIDIA GB10 (10 Cortex-X925 + 10 Cortex-A725)", 20, "aarch64"),
            chip("Jetson AGX Thor", "NVIDIA Jetson AGX Thor (Neoverse V3AE)", 14, "aarch64"),
            chip("Jetson AGX Orin 64GB", "NVIDIA Jetson AGX Orin (Cortex-A78AE)", 12, "aarch64"),
            chip("Jetson AGX Orin 32GB", "NVIDIA Jetson AGX Orin (Cortex-A78AE)", 8, "aarch64"),
            chip("Jetson Orin NX 16GB", "NVIDIA Jetson Orin NX (Cortex-A78AE)", 8, "aarch64"),
            chip("Jetson Orin NX 8GB", "NVIDIA Jetson Orin NX (Cortex-A78AE)", 6, "aarch64"),
            chip("Jetson Orin Nano 8GB", "NVIDIA Jetson Orin Nano (Cortex-A78AE)", 6, "aarch64"),
            chip("Jetson Orin Nano Super", "NVIDIA Jetson Orin Nano (Cortex-A78AE)", 6, "aarch64"));

    private ChipCpus() { }

    /** The CPU of the chip a GPU name resolves to in the device table, empty for discrete GPUs and unknown names. */
    public static Optional<ChipCpu> of(String gpuName) {
        return DeviceTable.lookup(gpuName).map(spec -> BY_DEVICE.get(spec.name()));
    }

    private static Map.Entry<String, ChipCpu> apple(String device, String cpu, int cores) {
        return chip(device, cpu, cores, "aarch64");
    }

    private static Map.Entry<String, ChipCpu> chip(String device, String cpu, int cores, String arch) {
        return Map.entry(device, new ChipCpu(cpu, cores, arch));
    }
}
