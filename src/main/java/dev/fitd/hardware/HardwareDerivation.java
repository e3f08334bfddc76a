package dev.fitd.hardware;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@link HardwareOverrides} to a snapshot. Interim version: sizes and counts only; the probe
 * work replaces it with the full derivation (bandwidth from the device table, Apple unified memory).
 */
public final class HardwareDerivation {
    private static final double GIB = 1L << 30;

    private HardwareDerivation() { }

    public static HardwareSnapshot apply(HardwareSnapshot base, HardwareOverrides o) {
        if (o.isEmpty()) {
            return base;
        }
        Memory mem = base.memory();
        if (o.ramGb() != null) {
            long bytes = (long) (o.ramGb() * GIB);
            mem = new Memory(bytes, bytes, null, mem.bandwidthGbps());
        }
        Cpu cpu = base.cpu();
        if (o.cpuCores() != null) {
            cpu = new Cpu(cpu.name(), o.cpuCores(), o.cpuCores(), o.cpuCores(), cpu.architecture());
        }
        List<Gpu> gpus = new ArrayList<>(base.gpus());
        if ("none".equalsIgnoreCase(o.gpuName()) || Integer.valueOf(0).equals(o.gpuCount())) {
            gpus.clear();
        } else if (o.gpuName() != null || o.vramGb() != null || o.gpuCount() != null) {
            Gpu template = gpus.isEmpty() ? null : gpus.get(0);
            if (template == null && o.vramGb() == null) {
                throw new IllegalArgumentException("a GPU what-if on a machine without a GPU needs vram_gb");
            }
            String name = o.gpuName() != null ? o.gpuName() : template.name();
            Long vram = o.vramGb() != null ? (long) (o.vramGb() * GIB) : template.vramTotalBytes();
            int count = o.gpuCount() != null ? o.gpuCount() : Math.max(1, gpus.size());
            gpus.clear();
            for (int i = 0; i < count; i++) {
                gpus.add(new Gpu(i, null, name, template == null ? GpuVendor.OTHER : template.vendor(),
                        template == null ? Backend.VULKAN : template.backend(), vram, vram, false,
                        template == null ? null : template.memoryBandwidthGbps(), null, null, null, "what-if"));
            }
        }
        return new HardwareSnapshot(base.version(), base.takenAt(), base.nodeName(), base.os(), cpu, mem, gpus,
                base.provenance(), base.warnings());
    }
}
