package dev.fitd.estimate;

/**
 * What one device holds in a placement. Bytes throughout.
 *
 * @param device device name ({@code NVIDIA GeForce RTX 4090}, or {@code system RAM})
 * @param gpuIndex index of the GPU in the snapshot, -1 for system RAM
 * @param weightsBytes weights resident there
 * @param kvCacheBytes KV cache and recurrent state there
 * @param overheadBytes runtime context, compute and host buffers there
 * @param capacityBytes memory of the device the plan may use (free VRAM, available RAM, the unified GPU share)
 * @param usableBytes {@code capacityBytes} minus the configured headroom
 * @param layers repeating layers computed there
 */
public record DeviceUse(String device, int gpuIndex, long weightsBytes, long kvCacheBytes, long overheadBytes,
                        long capacityBytes, long usableBytes, int layers) {

    public long totalBytes() { return weightsBytes + kvCacheBytes + overheadBytes; }

    /** True when the device holds no more than fits after headroom. */
    public boolean fits() { return totalBytes() <= usableBytes; }

    /** Share of capacity in use, 0–1 (may exceed 1). */
    public double utilization() { return capacityBytes <= 0 ? Double.POSITIVE_INFINITY : (double) totalBytes() / capacityBytes; }
}
