package dev.fitd.hardware;

/**
 * Every value of a machine that configuration may override: a superset of the per-request
 * {@link HardwareOverrides} (which stays the what-if contract). Null fields keep the base machine's value.
 * Sizes in GiB (2^30 bytes), bandwidths in GB/s (10^9 bytes/s).
 *
 * @param ramGb total system RAM; also the available RAM unless {@code availableRamGb} is given
 * @param availableRamGb RAM available to a new model
 * @param vramGb memory of each GPU
 * @param cpuCores usable CPU cores
 * @param gpuName GPU or chip name; {@code none} removes all GPUs
 * @param gpuCount number of identical GPUs; 0 removes all GPUs
 * @param gpuBandwidthGbps memory bandwidth of each GPU
 * @param ramBandwidthGbps system RAM bandwidth
 * @param unifiedMemory whether the GPUs share system RAM
 * @param backend llama.cpp backend of the GPUs
 * @param cpuName CPU or SoC of the CPU table: its memory bandwidth (unless {@code ramBandwidthGbps}) and cores
 *                (unless {@code cpuCores})
 */
public record MachineOverrides(
        Double ramGb,
        Double availableRamGb,
        Double vramGb,
        Integer cpuCores,
        String gpuName,
        Integer gpuCount,
        Double gpuBandwidthGbps,
        Double ramBandwidthGbps,
        Boolean unifiedMemory,
        Backend backend,
        String cpuName) {

    public static final MachineOverrides NONE = new MachineOverrides(null, null, null, null, null, null, null, null, null, null);

    /** Every override but the CPU name. */
    public MachineOverrides(Double ramGb, Double availableRamGb, Double vramGb, Integer cpuCores, String gpuName,
                            Integer gpuCount, Double gpuBandwidthGbps, Double ramBandwidthGbps, Boolean unifiedMemory,
                            Backend backend) {
        this(ramGb, availableRamGb, vramGb, cpuCores, gpuName, gpuCount, gpuBandwidthGbps, ramBandwidthGbps,
                unifiedMemory, backend, null);
    }

    /** @throws IllegalArgumentException naming the first field with an impossible value */
    public MachineOverrides {
        positive("ram_gb", ramGb);
        positive("available_ram_gb", availableRamGb);
        positive("vram_gb", vramGb);
        positive("gpu_bandwidth_gbps", gpuBandwidthGbps);
        positive("ram_bandwidth_gbps", ramBandwidthGbps);
        if (cpuCores != null && cpuCores < 1) {
            throw new IllegalArgumentException("cpu_cores must be at least 1, was " + cpuCores);
        }
        if (gpuCount != null && gpuCount < 0) {
            throw new IllegalArgumentException("gpu_count must be 0 or more, was " + gpuCount);
        }
        if (cpuName != null && cpuName.isBlank()) {
            throw new IllegalArgumentException("cpu name must not be blank");
        }
        if (gpuName != null && gpuName.isBlank()) {
            throw new IllegalArgumentException("gpu name must not be blank");
        }
        if (ramGb != null && availableRamGb != null && availableRamGb > ramGb) {
            throw new IllegalArgumentException("available_ram_gb (" + availableRamGb + ") exceeds ram_gb (" + ramGb + ")");
        }
    }

    /** The per-request what-if as a full override set. */
    public static MachineOverrides of(HardwareOverrides o) {
        return new MachineOverrides(o.ramGb(), null, o.vramGb(), o.cpuCores(), o.gpuName(), o.gpuCount(),
                o.gpuBandwidthGbps(), o.ramBandwidthGbps(), null, null, o.cpuName());
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    private static void positive(String field, Double value) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(field + " must be a positive number, was " + value);
        }
    }
}
