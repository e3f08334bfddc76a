package dev.fitd.hardware;

/**
 * System memory. {@code availableBytes} is already the smaller of the host's available memory and
 * the container's headroom ({@code limit - current}).
 *
 * @param totalBytes physical RAM, or the container limit when that is smaller
 * @param availableBytes RAM a new model could use now
 * @param containerLimitBytes cgroup memory limit, null when unlimited or not in a container
 * @param bandwidthGbps peak system memory bandwidth in GB/s (10^9 bytes/s), never null (estimated when unknown)
 */
public record Memory(long totalBytes, long availableBytes, Long containerLimitBytes, double bandwidthGbps) { }
