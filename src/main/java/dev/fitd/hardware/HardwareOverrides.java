package dev.fitd.hardware;

/**
 * A hypothetical change to a machine: from config overrides, a profile file, or a per-request what-if
 * ({@code ram_gb}, {@code vram_gb}, {@code cpu_cores}, {@code gpu}, {@code gpu_count}). Null fields keep
 * the base machine's value. All sizes in GiB (2^30 bytes).
 *
 * @param ramGb total (and available) system RAM
 * @param vramGb memory of each GPU
 * @param cpuCores usable CPU cores
 * @param gpuName GPU or chip name, e.g. {@code NVIDIA GeForce RTX 4090} or {@code Apple M2 Max}; {@code none} removes GPUs
 * @param gpuCount number of identical GPUs
 */
public record HardwareOverrides(Double ramGb, Double vramGb, Integer cpuCores, String gpuName, Integer gpuCount) {

    public static final HardwareOverrides NONE = new HardwareOverrides(null, null, null, null, null);

    public boolean isEmpty() {
        return ramGb == null && vramGb == null && cpuCores == null && gpuName == null && gpuCount == null;
    }
}
