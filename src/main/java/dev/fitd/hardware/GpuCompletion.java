package dev.fitd.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills in what a GPU source cannot tell (bandwidth, FP16 rate, unified memory, a fixed VRAM size) from
 * the {@link DeviceTable}, and estimates the bandwidth of devices the table does not know, so that no GPU
 * leaves the probe with an unknown or zero bandwidth. Values the source did report are never replaced.
 */
public final class GpuCompletion {

    /** Bandwidth assumed for a GPU of unknown vendor and model: a low-end discrete card (GB/s). */
    static final double UNKNOWN_DEVICE_GBPS = 100;

    private GpuCompletion() { }

    /**
     * The completed GPU, with provenance entries (relative keys such as {@code memory_bandwidth}) and a
     * warning when a value had to be estimated.
     */
    public record Completed(Gpu gpu, List<String> provenance, List<String> warnings) {
        public Completed {
            provenance = List.copyOf(provenance);
            warnings = List.copyOf(warnings);
        }
    }

    public static Completed complete(Gpu gpu) {
        List<String> provenance = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<DeviceSpec> spec = gpu.name() == null ? Optional.empty() : DeviceTable.lookup(gpu.name());
        Double bandwidth = gpu.memoryBandwidthGbps();
        Double fp16 = gpu.fp16Tflops();
        Long vram = gpu.vramTotalBytes();
        boolean unified = gpu.unifiedMemory();
        GpuVendor vendor = gpu.vendor() != null ? gpu.vendor() : spec.map(DeviceSpec::vendor).orElse(GpuVendor.OTHER);
        Backend backend = gpu.backend() != null ? gpu.backend() : DeviceTable.defaultBackend(vendor);
        if (spec.isPresent()) {
            DeviceSpec s = spec.get();
            if (bandwidth == null) {
                bandwidth = s.memoryBandwidthGbps();
                provenance.add("memory_bandwidth=device table: " + s.name() + " (" + s.source() + ")");
            }
            if (fp16 == null) {
                fp16 = s.fp16Tflops();
            }
            if (vram == null && s.vramGib() != null) {
                vram = (long) (s.vramGib() * (1L << 30));
                provenance.add("vram_total=device table: " + s.name() + " (the source did not report it)");
            }
            unified = unified || s.unifiedMemory();
        } else if (bandwidth == null) {
            bandwidth = estimate(vendor, vram);
            provenance.add("memory_bandwidth=estimated (" + gpu.name() + " is not in the device table)");
            warnings.add("GPU '" + gpu.name() + "' is not in the device table: memory bandwidth estimated as "
                    + bandwidth + " GB/s; set it with a fitd.hardware override for better speed estimates");
        }
        Gpu completed = new Gpu(gpu.index(), gpu.uuid(), gpu.name(), vendor, backend, vram, gpu.vramFreeBytes(),
                unified, bandwidth, fp16, gpu.computeCapability(), gpu.driverVersion(), gpu.source());
        return new Completed(completed, provenance, warnings);
    }

    /**
     * Bandwidth of an unlisted device: the slowest listed device of the same vendor with the same VRAM
     * (GiB, rounded), else the vendor's median, else {@value #UNKNOWN_DEVICE_GBPS} GB/s. Errs low: a
     * recommendation that runs faster than promised disappoints nobody.
     */
    static double estimate(GpuVendor vendor, Long vramBytes) {
        List<DeviceSpec> same = DeviceTable.devices().stream().filter(d -> d.vendor() == vendor).toList();
        if (vramBytes != null) {
            long gib = Math.round(vramBytes / (double) (1L << 30));
            Optional<Double> slowest = same.stream()
                    .filter(d -> d.vramGib() != null && Math.round(d.vramGib()) == gib)
                    .map(DeviceSpec::memoryBandwidthGbps)
                    .min(Double::compare);
            if (slowest.isPresent()) {
                return slowest.get();
            }
        }
        if (same.isEmpty() || vendor == GpuVendor.OTHER) {
            return UNKNOWN_DEVICE_GBPS;
        }
        List<Double> sorted = same.stream().map(DeviceSpec::memoryBandwidthGbps).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
