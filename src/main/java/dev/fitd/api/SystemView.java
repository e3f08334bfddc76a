package dev.fitd.api;

import dev.fitd.catalog.CatalogState;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code system} object: the fields existing Kubernetes consumers of this kind of daemon parse
 * ({@code total_ram_gb} … {@code gpus[]}), then what else fitd knows. GPUs of the same name, memory
 * and backend are grouped with a {@code count}; {@code gpu_vram_gb} is the memory of one GPU of the
 * first group, {@code total_gpu_vram_gb} the sum over all GPUs. Unknown values are null.
 *
 * <p>{@code warnings} lists the hardware snapshot's warnings, then the catalog's (an overlay file that
 * cannot be read or is malformed, each naming the file: see {@link CatalogState#warnings()}), so one
 * list says everything that is off. {@code catalog_version} is the catalog the answer used.
 */
public record SystemView(
        double totalRamGb,
        double availableRamGb,
        int cpuCores,
        String cpuName,
        boolean hasGpu,
        Double gpuVramGb,
        String gpuName,
        int gpuCount,
        boolean unifiedMemory,
        String backend,
        List<GpuGroup> gpus,
        Double totalGpuVramGb,
        Double freeGpuVramGb,
        Double containerLimitGb,
        double ramBandwidthGbps,
        int cpuPhysicalCores,
        int cpuLogicalCores,
        double cpuUsableCores,
        String cpuArchitecture,
        List<GpuDevice> devices,
        long snapshotVersion,
        Instant snapshotTakenAt,
        Map<String, String> provenance,
        List<String> warnings,
        long catalogVersion) {

    /** GPUs grouped by name, memory and backend, as consumers of this shape expect. */
    public record GpuGroup(String name, Double vramGb, int count, String backend, boolean unifiedMemory,
                           Double memoryBandwidthGbps) { }

    /** One GPU with everything fitd knows about it. */
    public record GpuDevice(Integer index, String uuid, String name, String vendor, String backend, Double vramGb,
                            Double freeVramGb, boolean unifiedMemory, Double memoryBandwidthGbps, Double fp16Tflops,
                            String computeCapability, String driverVersion, String source) { }

    /** The view of snapshot {@code s}, with the warnings and version of {@code catalog}. */
    static SystemView of(HardwareSnapshot s, CatalogState catalog) {
        List<GpuGroup> groups = new ArrayList<>();
        List<GpuDevice> devices = new ArrayList<>();
        long totalVram = 0;
        long freeVram = 0;
        boolean vramKnown = !s.gpus().isEmpty();
        boolean freeKnown = !s.gpus().isEmpty();
        for (Gpu g : s.gpus()) {
            devices.add(new GpuDevice(g.index(), g.uuid(), g.name(), g.vendor().name().toLowerCase(),
                    g.backend().wire(), Units.gib(g.vramTotalBytes()), Units.gib(g.vramFreeBytes()), g.unifiedMemory(),
                    g.memoryBandwidthGbps(), g.fp16Tflops(), g.computeCapability(), g.driverVersion(), g.source()));
            if (g.vramTotalBytes() == null) {
                vramKnown = false;
            } else {
                totalVram += g.vramTotalBytes();
            }
            if (g.vramFreeBytes() == null) {
                freeKnown = false;
            } else {
                freeVram += g.vramFreeBytes();
            }
            GpuGroup mine = new GpuGroup(g.name(), Units.gib(g.vramTotalBytes()), 1, g.backend().wire(),
                    g.unifiedMemory(), g.memoryBandwidthGbps());
            boolean merged = false;
            for (int i = 0; i < groups.size(); i++) {
                GpuGroup other = groups.get(i);
                if (Objects.equals(other.name(), mine.name()) && Objects.equals(other.vramGb(), mine.vramGb())
                        && other.backend().equals(mine.backend())) {
                    groups.set(i, new GpuGroup(other.name(), other.vramGb(), other.count() + 1, other.backend(),
                            other.unifiedMemory(), other.memoryBandwidthGbps()));
                    merged = true;
                    break;
                }
            }
            if (!merged) {
                groups.add(mine);
            }
        }
        GpuGroup first = groups.isEmpty() ? null : groups.get(0);
        return new SystemView(
                Units.gib(s.memory().totalBytes()), Units.gib(s.memory().availableBytes()),
                Math.max(1, (int) Math.floor(s.cpu().usableCores())), s.cpu().name(), s.hasGpu(),
                first == null ? null : first.vramGb(), first == null ? null : first.name(), s.gpus().size(),
                s.unifiedMemory(), first == null ? "cpu" : first.backend(), groups,
                vramKnown ? Units.gib(totalVram) : null, freeKnown ? Units.gib(freeVram) : null,
                Units.gib(s.memory().containerLimitBytes()), s.memory().bandwidthGbps(),
                s.cpu().physicalCores(), s.cpu().logicalCores(), s.cpu().usableCores(), s.cpu().architecture(),
                devices, s.version(), s.takenAt(), s.provenance(), warnings(s, catalog), catalog.version());
    }

    private static List<String> warnings(HardwareSnapshot s, CatalogState catalog) {
        if (catalog.warnings().isEmpty()) {
            return s.warnings();
        }
        List<String> all = new ArrayList<>(s.warnings());
        all.addAll(catalog.warnings());
        return List.copyOf(all);
    }
}
