package dev.fitd.hardware;

/**
 * A hypothetical change to a machine: from config overrides, a profile file, or a per-request what-if
 * ({@code ram_gb}, {@code vram_gb}, {@code cpu_cores}, {@code gpu}, {@code gpu_count}, {@code cpu},
 * {@code ram_bandwidth_gbps}, {@code gpu_bandwidth_gbps}). Null fields keep the base machine's value.
 * Sizes in GiB (2^30 bytes), bandwidths in GB/s (10^9 bytes/s).
 *
 * @param ramGb total (and available) system RAM
 * @param vramGb memory of each GPU
 * @param cpuCores usable CPU cores
 * @param gpuName GPU or chip name, e.g. {@code NVIDIA GeForce RTX 4090} or {@code Apple M2 Max}; {@code none} removes GPUs
 * @param gpuCount number of identical GPUs
 * @param cpuName CPU or SoC name of the CPU table ({@link DeviceTable#lookupCpu}): its memory bandwidth and,
 *                unless {@code cpuCores} is given, its cores
 * @param ramBandwidthGbps system RAM bandwidth (wins over the CPU's)
 * @param gpuBandwidthGbps memory bandwidth of each GPU (wins over the device table's)
 */
public record HardwareOverrides(Double ramGb, Double vramGb, Integer cpuCores, String gpuName, Integer gpuCount,
                                String cpuName, Double ramBandwidthGbps, Double gpuBandwidthGbps) {

    public static final HardwareOverrides NONE = new HardwareOverrides(null, null, null, null, null);

    /** The five original what-ifs; the CPU and bandwidth ones left unset. */
    public HardwareOverrides(Double ramGb, Double vramGb, Integer cpuCores, String gpuName, Integer gpuCount) {
        this(ramGb, vramGb, cpuCores, gpuName, gpuCount, null, null, null);
    }

    public boolean isEmpty() {
        return ramGb == null && vramGb == null && cpuCores == null && gpuName == null && gpuCount == null
                && cpuName == null && ramBandwidthGbps == null && gpuBandwidthGbps == null;
    }
}
