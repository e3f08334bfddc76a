package dev.fitd.hardware;

/**
 * One accelerator as probed (or as described by a profile / what-if). Unknown values are {@code null},
 * never 0: "VRAM unknown" must stay distinguishable from "no VRAM".
 *
 * @param index position in the vendor tool's list (0-based), null when not known
 * @param uuid vendor UUID (NVIDIA {@code GPU-...}, MIG {@code MIG-...}), null when not known
 * @param vramTotalBytes device memory; for unified memory, the share the GPU may use
 * @param vramFreeBytes device memory free now, null when the source cannot tell
 * @param memoryBandwidthGbps peak memory bandwidth in GB/s (10^9 bytes/s), from the bandwidth table
 * @param fp16Tflops dense FP16 matrix throughput in TFLOPS (10^12 FLOP/s), null when unknown
 * @param computeCapability NVIDIA compute capability such as {@code 8.9}, else null
 * @param source where the figures came from (e.g. {@code nvidia-smi}, {@code sysfs}, {@code profile})
 */
public record Gpu(
        Integer index,
        String uuid,
        String name,
        GpuVendor vendor,
        Backend backend,
        Long vramTotalBytes,
        Long vramFreeBytes,
        boolean unifiedMemory,
        Double memoryBandwidthGbps,
        Double fp16Tflops,
        String computeCapability,
        String driverVersion,
        String source) {

    /** Memory the estimator may plan with: free if known, else total; null if neither is known. */
    public Long usableVramBytes() {
        return vramFreeBytes != null ? vramFreeBytes : vramTotalBytes;
    }
}
