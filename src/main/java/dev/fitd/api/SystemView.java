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
 * <p>llmfit compatibility ({@code llmfit serve}'s {@code system_json}): {@code backend} and {@code gpus[].backend}
 * carry llmfit's labels ({@link #backendLabel}), fitd's codes are in {@code backend_code}. {@code gpu_available_gb}
 * is, as in llmfit, the part of a unified memory pool the GPU may use (summed over unified GPUs), null without
 * unified memory. A deliberate difference: on unified memory fitd's {@code vram_gb} / {@code gpu_vram_gb} is that
 * usable share too (the fit budget fitd grades against), where llmfit reports the whole pool; see the README.
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
        Double gpuAvailableGb,
        String backendCode,
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
                           Double memoryBandwidthGbps, String backendCode) { }

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
        long unifiedShare = 0;
        boolean unifiedKnown = false;
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
            GpuGroup mine = new GpuGroup(g.name(), Units.gib(g.vramTotalBytes()), 1,
                    backendLabel(g.backend().wire(), s.cpu().architecture()), g.unifiedMemory(), g.memoryBandwidthGbps(),
                    g.backend().wire());
            if (g.unifiedMemory() && g.vramTotalBytes() != null) {
                unifiedShare += g.vramTotalBytes();
                unifiedKnown = true;
            }
            boolean merged = false;
            for (int i = 0; i < groups.size(); i++) {
                GpuGroup other = groups.get(i);
                if (Objects.equals(other.name(), mine.name()) && Objects.equals(other.vramGb(), mine.vramGb())
                        && other.backendCode().equals(mine.backendCode())) {
                    groups.set(i, new GpuGroup(other.name(), other.vramGb(), other.count() + 1, other.backend(),
                            other.unifiedMemory(), other.memoryBandwidthGbps(), other.backendCode()));
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
                s.unifiedMemory(), first == null ? backendLabel("cpu", s.cpu().architecture()) : first.backend(), groups,
                unifiedKnown ? Units.gib(unifiedShare) : null, first == null ? "cpu" : first.backendCode(),
                vramKnown ? Units.gib(totalVram) : null, freeKnown ? Units.gib(freeVram) : null,
                Units.gib(s.memory().containerLimitBytes()), s.memory().bandwidthGbps(),
                s.cpu().physicalCores(), s.cpu().logicalCores(), s.cpu().usableCores(), s.cpu().architecture(),
                devices, s.version(), s.takenAt(), s.provenance(), warnings(s, catalog), catalog.version());
    }

    /**
     * llmfit's label of a backend ({@code GpuBackend::label()} in AlexsJones/llmfit {@code llmfit-core/src/hardware.rs}),
     * which its clients publish verbatim (llmfit-dra writes it as the device attribute {@code backend} and
     * guesses the vendor from it): CUDA, ROCm, Metal, Vulkan, SYCL, CPU (ARM), CPU (x86).
     *
     * @param code fitd's backend code ({@code cuda}, {@code rocm}, ...)
     * @param cpuArchitecture the CPU architecture, which picks the CPU label
     */
    static String backendLabel(String code, String cpuArchitecture) {
        return switch (code) {
            case "cuda" -> "CUDA";
            case "rocm" -> "ROCm";
            case "metal" -> "Metal";
            case "vulkan" -> "Vulkan";
            case "sycl" -> "SYCL";
            case "cpu" -> cpuArchitecture != null && (cpuArchitecture.toLowerCase(java.util.Locale.ROOT).startsWith("aarch64")
                    || cpuArchitecture.toLowerCase(java.util.Locale.ROOT).startsWith("arm")) ? "CPU (ARM)" : "CPU (x86)";
            default -> code;
        };
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
