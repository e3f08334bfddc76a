package dev.fitd.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies overrides to a snapshot: the one derivation used by configuration overrides, by hardware profile
 * files and by per-request what-ifs. Pure: the base snapshot is not changed and nothing is probed.
 *
 * <h2>What is derived from what</h2>
 * <ul>
 *   <li>{@code ram_gb} sets total RAM and, unless {@code available_ram_gb} is given, available RAM: a
 *       hypothetical machine has nothing loaded. The container limit is dropped. A unified-memory GPU's share
 *       is derived again from the new RAM.</li>
 *   <li>A {@code gpu} name that is a system-on-chip ({@link ChipCpus}: Apple silicon, Strix Halo, GB10,
 *       Jetson) names the whole machine: the chip's CPU (name, cores, architecture) replaces the host's
 *       ({@code cpu_cores} still sets the usable cores), RAM bandwidth is the chip's, and the host's warnings
 *       are dropped. Replacing GPUs drops the base machine's GPU warnings.</li>
 *   <li>{@code gpu} (a name): vendor, bandwidth, FP16 rate, unified memory and a fixed VRAM size come from
 *       the {@link DeviceTable}; the backend follows the vendor (NVIDIA → CUDA, AMD → ROCm, Intel → SYCL,
 *       Apple → Metal). Apple and other unified-memory chips get as VRAM the share of RAM the GPU may use:
 *       {@link AppleGpuShare} (2/3 of RAM up to 36 GiB, 3/4 above) for Apple, 3/4 for others (DGX Spark,
 *       Strix Halo, Jetson). A name the table does not know gets an estimated bandwidth and a warning.</li>
 *   <li>{@code gpu_count} without a name repeats the base machine's first GPU; 0 (or the name
 *       {@code none}) removes all GPUs.</li>
 *   <li>{@code vram_gb} sets every GPU's memory. Whenever VRAM or the GPU changes, free VRAM becomes unknown
 *       (null), so estimates plan with the total.</li>
 *   <li>System RAM bandwidth: the override, else a unified GPU's bandwidth, else the base machine's.</li>
 * </ul>
 * Every changed value gets a provenance entry naming the origin ({@code what-if}, {@code config override},
 * {@code profile}).
 */
public final class HardwareDerivation {

    private static final double GIB = 1L << 30;

    /** Share of RAM a non-Apple unified-memory GPU is assumed to use when nothing says otherwise. */
    static final double OTHER_UNIFIED_SHARE = 0.75;

    private HardwareDerivation() { }

    /** The per-request what-if: {@code apply(base, MachineOverrides.of(o), "what-if")}. */
    public static HardwareSnapshot apply(HardwareSnapshot base, HardwareOverrides o) {
        return apply(base, MachineOverrides.of(o), "what-if");
    }

    /**
     * @param origin named in provenance and warnings, e.g. {@code config override}
     */
    public static HardwareSnapshot apply(HardwareSnapshot base, MachineOverrides o, String origin) {
        if (o.isEmpty()) {
            return base;
        }
        Map<String, String> provenance = new LinkedHashMap<>(base.provenance());
        List<String> fresh = new ArrayList<>();

        Memory mem = base.memory();
        long total = mem.totalBytes();
        long available = mem.availableBytes();
        Long limit = mem.containerLimitBytes();
        if (o.ramGb() != null) {
            total = bytes(o.ramGb());
            available = total;
            limit = null;
            provenance.put("memory.total", origin);
            provenance.put("memory.available", origin);
            provenance.remove("memory.container_limit");
        }
        if (o.availableRamGb() != null) {
            available = bytes(o.availableRamGb());
            provenance.put("memory.available", origin);
        }
        available = Math.min(available, total);

        Cpu cpu = base.cpu();
        CpuMemorySpec cpuSpec = null;
        if (o.cpuName() != null) {
            cpuSpec = DeviceTable.lookupCpu(o.cpuName()).orElseThrow(() -> DeviceTable.unknown("cpu", o.cpuName()));
            int n = cpuSpec.cores() != null ? cpuSpec.cores() : cpu.physicalCores();
            cpu = new Cpu(cpuSpec.name(), n, n, n, cpu.architecture());
            provenance.put("cpu.name", origin);
            provenance.put("cpu.usable_cores", cpuSpec.cores() != null ? "CPU table: " + cpuSpec.name() + " (" + origin + ")"
                    : "base machine (the CPU table has no core count for " + cpuSpec.name() + ")");
        }
        if (o.cpuCores() != null) {
            int n = o.cpuCores();
            cpu = new Cpu(cpu.name(), Math.max(cpu.physicalCores(), n), Math.max(cpu.logicalCores(), n), n, cpu.architecture());
            provenance.put("cpu.usable_cores", origin);
        }

        List<Gpu> gpus = gpus(base, o, total, origin, provenance, fresh);
        // A name that resolves to a system-on-chip (Apple silicon, Strix Halo, GB10, Jetson) names the whole
        // machine: its CPU replaces the host's, and the host's warnings describe another machine. Replaced GPUs
        // take their warnings with them.
        Optional<ChipCpus.ChipCpu> chip = o.gpuName() == null ? Optional.empty() : ChipCpus.of(o.gpuName().strip());
        List<String> warnings = new ArrayList<>();
        if (chip.isPresent()) {
            ChipCpus.ChipCpu c = chip.get();
            int usable = o.cpuCores() != null ? o.cpuCores() : c.cores();
            cpu = new Cpu(c.name(), Math.max(c.cores(), usable), Math.max(c.cores(), usable), usable, c.architecture());
            provenance.put("cpu", "the CPU of " + c.name() + " (" + origin + ")");
            provenance.put("cpu.usable_cores", origin);
        } else {
            boolean gpusReplaced = !gpus.equals(base.gpus());
            for (String w : base.warnings()) {
                if (!gpusReplaced || !w.toLowerCase(Locale.ROOT).contains("gpu")) {
                    warnings.add(w);
                }
            }
        }
        warnings.addAll(fresh);

        double ramBandwidth = mem.bandwidthGbps();
        Gpu unified = gpus.stream().filter(Gpu::unifiedMemory).findFirst().orElse(null);
        if (o.ramBandwidthGbps() != null) {
            ramBandwidth = o.ramBandwidthGbps();
            provenance.put("memory.bandwidth", origin);
        } else if (cpuSpec != null && (unified == null || gpus.equals(base.gpus()))) {
            ramBandwidth = cpuSpec.memoryBandwidthGbps();
            provenance.put("memory.bandwidth", "CPU table: " + cpuSpec.name() + ", assuming " + cpuSpec.assumedMemory()
                    + " (" + origin + ")");
        } else if (unified != null && unified.memoryBandwidthGbps() != null && !gpus.equals(base.gpus())) {
            ramBandwidth = unified.memoryBandwidthGbps();
            provenance.put("memory.bandwidth", "unified memory of " + unified.name() + " (" + origin + ")");
        } else if (unified == null && base.unifiedMemory()) {
            SystemRamBandwidth.Estimate e = SystemRamBandwidth.estimate(cpu.name(), null, Optional.empty());
            ramBandwidth = e.gbps();
            provenance.put("memory.bandwidth", e.source());
        }
        return new HardwareSnapshot(base.version(), base.takenAt(), base.nodeName(), base.os(), cpu,
                new Memory(total, available, limit, ramBandwidth), gpus, provenance, warnings);
    }

    private static List<Gpu> gpus(HardwareSnapshot base, MachineOverrides o, long ramTotal, String origin,
                                  Map<String, String> provenance, List<String> warnings) {
        boolean none = (o.gpuName() != null && o.gpuName().strip().equalsIgnoreCase("none"))
                || (o.gpuCount() != null && o.gpuCount() == 0);
        boolean touchesGpus = o.gpuName() != null || o.gpuCount() != null || o.vramGb() != null
                || o.gpuBandwidthGbps() != null || o.unifiedMemory() != null || o.backend() != null
                || (o.ramGb() != null && base.gpus().stream().anyMatch(Gpu::unifiedMemory));  // the share follows RAM
        if (!touchesGpus) {
            return base.gpus();
        }
        removeGpuProvenance(provenance);
        if (none) {
            provenance.put("gpus", "none (" + origin + ")");
            return List.of();
        }
        List<Gpu> out = new ArrayList<>();
        if (o.gpuName() != null) {
            int count = o.gpuCount() != null ? o.gpuCount() : Math.max(1, base.gpus().size());
            Gpu template = fromName(o.gpuName().strip(), o.vramGb(), o.unifiedMemory(), o.backend(),
                    o.gpuBandwidthGbps(), ramTotal, origin, warnings);
            for (int i = 0; i < count; i++) {
                out.add(withIndex(template, i));
            }
        } else if (base.gpus().isEmpty()) {
            if (o.gpuCount() == null && o.vramGb() == null) {
                // only bandwidth/unified/backend given, and there is no GPU to apply them to
                warnings.add(origin + ": GPU settings given but the machine has no GPU and no GPU name was given; ignored");
                provenance.put("gpus", "none");
                return List.of();
            }
            int count = o.gpuCount() != null ? o.gpuCount() : 1;
            Gpu template = fromName("unspecified GPU", o.vramGb(), o.unifiedMemory(), o.backend(),
                    o.gpuBandwidthGbps(), ramTotal, origin, warnings);
            for (int i = 0; i < count; i++) {
                out.add(withIndex(template, i));
            }
        } else {
            List<Gpu> source = base.gpus();
            if (o.gpuCount() != null && o.gpuCount() != source.size()) {
                source = new ArrayList<>();
                for (int i = 0; i < o.gpuCount(); i++) {
                    source.add(withIndex(base.gpus().get(0), i));
                }
            }
            for (Gpu g : source) {
                out.add(adjust(g, o, ramTotal));
            }
        }
        for (int i = 0; i < out.size(); i++) {
            Gpu g = out.get(i);
            provenance.put("gpus[" + i + "].vram_total",
                    o.vramGb() != null ? origin : g.vramTotalBytes() == null ? "unknown" : g.source());
            provenance.put("gpus[" + i + "].memory_bandwidth", o.gpuBandwidthGbps() != null ? origin : g.source());
        }
        provenance.put("gpus", origin);
        return List.copyOf(out);
    }

    /**
     * A GPU described only by its name (and what the caller states), completed from the device table.
     * Used by what-ifs, config overrides and profile files.
     *
     * @param vramGb stated memory per GPU, or null to derive it (table, or the unified share of RAM)
     * @param unified stated unified-memory flag, or null to derive it
     * @param backend stated backend, or null for the vendor's default
     * @param bandwidthGbps stated bandwidth, or null for the table's (or an estimate with a warning)
     * @param ramTotalBytes the machine's RAM, for the unified share
     */
    public static Gpu fromName(String name, Double vramGb, Boolean unified, Backend backend, Double bandwidthGbps,
                               long ramTotalBytes, String origin, List<String> warnings) {
        Optional<DeviceSpec> spec = DeviceTable.lookup(name, vramGb);
        if (vramGb == null && spec.isPresent() && spec.get().unifiedMemory()) {
            // An Apple chip's memory tells its variants apart (an M3 Max with 36 GB is the 30-core chip).
            spec = DeviceTable.lookup(name, ramTotalBytes / GIB);
        }
        GpuVendor vendor = spec.map(DeviceSpec::vendor).orElseGet(() -> DeviceTable.vendorOf(name));
        boolean isUnified = unified != null ? unified
                : spec.map(DeviceSpec::unifiedMemory).orElse(vendor == GpuVendor.APPLE);
        Long vram = vramGb != null ? bytes(vramGb) : null;
        if (vram == null && isUnified) {
            vram = vendor == GpuVendor.APPLE
                    ? AppleGpuShare.usableBytes(ramTotalBytes, null)
                    : (long) (ramTotalBytes * OTHER_UNIFIED_SHARE);
        }
        Double bandwidth = bandwidthGbps != null ? bandwidthGbps
                : spec.filter(d -> !d.integrated()).map(DeviceSpec::memoryBandwidthGbps).orElse(null);
        Double fp16 = spec.map(DeviceSpec::fp16Tflops).orElse(null);
        Gpu stated = new Gpu(null, null, name, vendor, backend != null ? backend : DeviceTable.defaultBackend(vendor),
                vram, null, isUnified, bandwidth, fp16, null, null, origin);
        GpuCompletion.Completed completed = GpuCompletion.complete(stated);
        completed.warnings().forEach(w -> warnings.add(origin + ": " + w));
        if (completed.gpu().vramTotalBytes() == null) {
            warnings.add(origin + ": VRAM of '" + name + "' is unknown (the table has no fixed size); give vram_gb");
        }
        return completed.gpu();
    }

    private static Gpu adjust(Gpu g, MachineOverrides o, long ramTotal) {
        boolean unified = o.unifiedMemory() != null ? o.unifiedMemory() : g.unifiedMemory();
        Long vram = g.vramTotalBytes();
        Long free = g.vramFreeBytes();
        if (o.vramGb() != null) {
            vram = bytes(o.vramGb());
            free = null;
        } else if (unified && !g.unifiedMemory()) {
            vram = g.vendor() == GpuVendor.APPLE ? AppleGpuShare.usableBytes(ramTotal, null) : (long) (ramTotal * OTHER_UNIFIED_SHARE);
            free = null;
        } else if (unified && o.ramGb() != null) {
            vram = g.vendor() == GpuVendor.APPLE ? AppleGpuShare.usableBytes(ramTotal, null) : (long) (ramTotal * OTHER_UNIFIED_SHARE);
            free = null;
        }
        return new Gpu(g.index(), g.uuid(), g.name(), g.vendor(), o.backend() != null ? o.backend() : g.backend(),
                vram, free, unified, o.gpuBandwidthGbps() != null ? o.gpuBandwidthGbps() : g.memoryBandwidthGbps(),
                g.fp16Tflops(), g.computeCapability(), g.driverVersion(), g.source());
    }

    private static Gpu withIndex(Gpu g, int index) {
        return new Gpu(index, null, g.name(), g.vendor(), g.backend(), g.vramTotalBytes(), g.vramFreeBytes(),
                g.unifiedMemory(), g.memoryBandwidthGbps(), g.fp16Tflops(), g.computeCapability(), g.driverVersion(), g.source());
    }

    private static void removeGpuProvenance(Map<String, String> provenance) {
        provenance.keySet().removeIf(k -> k.startsWith("gpus"));
    }

    private static long bytes(double gib) {
        return Math.round(gib * GIB);
    }

    /**
     * {@code "cuda"} → CUDA, case-insensitive; the error lists the accepted values. llmfit's labels, which
     * {@code /api/v1/system} prints in {@code backend}, are accepted too ({@code CUDA}, {@code ROCm},
     * {@code CPU (x86)}, {@code CPU (ARM)}), so a saved response reads back as a profile.
     */
    public static Backend backend(String wire) {
        String w = wire.strip().toLowerCase(Locale.ROOT);
        if (w.equals("cpu (x86)") || w.equals("cpu (arm)")) {
            return Backend.CPU;
        }
        for (Backend b : Backend.values()) {
            if (b.wire().equals(wire.strip().toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + wire + "'; accepted: cuda, rocm, metal, vulkan, sycl, cpu");
    }
}
