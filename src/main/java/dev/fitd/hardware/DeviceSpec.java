package dev.fitd.hardware;

import java.util.Objects;

/**
 * One row of the {@link DeviceTable}: the published figures of a GPU or Apple chip.
 *
 * @param name display name, e.g. {@code GeForce RTX 4090}
 * @param vendor who makes it
 * @param vramGib device memory in GiB (2^30 bytes) when the SKU fixes it; null when variants differ or
 *                when the memory is shared with the CPU
 * @param unifiedMemory true when the GPU uses system memory (Apple, DGX Spark, Jetson, Strix Halo)
 * @param memoryBandwidthGbps peak memory bandwidth in GB/s (10^9 bytes/s) as the vendor states it
 * @param fp16Tflops dense FP16 matrix throughput in TFLOPS (10^12 FLOP/s), null when not known
 * @param source the vendor specification the figures come from
 * @param integrated an integrated GPU on a socketed-memory platform (Radeon 780M, Iris Xe, Arc iGPU): it reads
 *                   the machine's system RAM, so its bandwidth is the RAM's and {@code memoryBandwidthGbps} is
 *                   only the typical platform figure (used to rank table rows, never to estimate)
 */
public record DeviceSpec(
        String name,
        GpuVendor vendor,
        Double vramGib,
        boolean unifiedMemory,
        double memoryBandwidthGbps,
        Double fp16Tflops,
        String source,
        boolean integrated) {

    public DeviceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(source, "source");
        if (!(memoryBandwidthGbps > 0)) {
            throw new IllegalArgumentException(name + ": bandwidth must be > 0, was " + memoryBandwidthGbps);
        }
        if (vramGib != null && !(vramGib > 0)) {
            throw new IllegalArgumentException(name + ": vram must be > 0 or unknown, was " + vramGib);
        }
        if (fp16Tflops != null && !(fp16Tflops > 0)) {
            throw new IllegalArgumentException(name + ": fp16 must be > 0 or unknown, was " + fp16Tflops);
        }
    }

    /** The llama.cpp backend this vendor's devices usually run under. */
    public Backend defaultBackend() {
        return DeviceTable.defaultBackend(vendor);
    }
}
