package dev.fitd.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fills in what a GPU source cannot tell (bandwidth, FP16 rate, unified memory, a fixed VRAM size) from
 * the {@link DeviceTable}. Values the source did report are never replaced. A bandwidth the table cannot
 * give stays {@code null} — never a number that looks measured:
 * <ul>
 *   <li>an integrated GPU (a table row marked {@code i}, or an unlisted name that reads like one: Radeon
 *       {@code NNNM}, {@code Radeon Graphics}, Iris, UHD, {@code Arc Graphics}) reads system RAM, so it is
 *       marked unified and the estimator uses the RAM's bandwidth (and says so);</li>
 *   <li>an unknown discrete card gets a warning, and the estimator grades it on the conservative figure
 *       its notes name ({@code MachineView.UNKNOWN_GPU_BANDWIDTH_GBPS}).</li>
 * </ul>
 */
public final class GpuCompletion {

    /**
     * The conservative bandwidth an unknown discrete card is graded on (GB/s); the estimator's
     * {@code MachineView} uses the same figure and names it in every estimate's notes.
     */
    public static final double UNKNOWN_DISCRETE_GBPS = 250;

    private static final java.util.regex.Pattern INTEGRATED = java.util.regex.Pattern.compile(
            "(?i)\\b(radeon\\s+(\\d{3}m|graphics|vega\\s*\\d*\\s*graphics)|iris|uhd\\s+graphics|hd\\s+graphics|arc\\s*(\\(tm\\))?\\s*graphics)\\b");

    /** Whether an unlisted GPU name reads like an integrated GPU (it shares system RAM). */
    public static boolean looksIntegrated(String name) {
        return name != null && INTEGRATED.matcher(name).find();
    }

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
        Double memoryGib = gpu.unifiedMemory() || gpu.vramTotalBytes() == null ? null
                : gpu.vramTotalBytes() / (double) (1L << 30);
        Optional<DeviceSpec> spec = gpu.name() == null ? Optional.empty() : DeviceTable.lookup(gpu.name(), memoryGib);
        Double bandwidth = gpu.memoryBandwidthGbps();
        Double fp16 = gpu.fp16Tflops();
        Long vram = gpu.vramTotalBytes();
        boolean unified = gpu.unifiedMemory();
        GpuVendor vendor = gpu.vendor() != null ? gpu.vendor() : spec.map(DeviceSpec::vendor).orElse(GpuVendor.OTHER);
        Backend backend = gpu.backend() != null ? gpu.backend() : DeviceTable.defaultBackend(vendor);
        if (spec.isPresent()) {
            DeviceSpec s = spec.get();
            if (bandwidth == null && s.integrated()) {
                provenance.add("memory_bandwidth=system RAM (" + s.name() + " is an integrated GPU)");
            } else if (bandwidth == null) {
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
        } else if (bandwidth == null && looksIntegrated(gpu.name())) {
            unified = true;
            provenance.add("memory_bandwidth=system RAM (" + gpu.name() + " reads like an integrated GPU; not in the "
                    + "device table)");
        } else if (bandwidth == null && !unified) {
            provenance.add("memory_bandwidth=unknown (" + gpu.name() + " is not in the device table)");
            warnings.add("GPU '" + gpu.name() + "' is not in the device table: memory bandwidth unknown (null); "
                    + "speed is graded on a conservative " + Math.round(UNKNOWN_DISCRETE_GBPS) + " GB/s. Set "
                    + "fitd.hardware.gpu-bandwidth-gbps (or gpu_bandwidth_gbps in a what-if) for a real figure");
        }
        Gpu completed = new Gpu(gpu.index(), gpu.uuid(), gpu.name(), vendor, backend, vram, gpu.vramFreeBytes(),
                unified, bandwidth, fp16, gpu.computeCapability(), gpu.driverVersion(), gpu.source());
        return new Completed(completed, provenance, warnings);
    }
}
