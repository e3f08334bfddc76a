package dev.fitd.estimate;

import java.util.List;

/**
 * How a throughput figure was obtained, so a person can check it.
 *
 * @param method short name of the model, e.g. {@code bandwidth-roofline}
 * @param bandwidthsGbps peak bandwidth of each place the weights are read from, GB/s
 * @param efficiency fraction of peak bandwidth reached (fitted on the calibration data)
 * @param overheadMs fixed per-token overhead in milliseconds
 * @param contextTokens context the KV bytes are counted at
 * @param bytesPerToken bytes read per decoded token (weights + KV)
 */
public record EstimateBasis(String method, List<Double> bandwidthsGbps, double efficiency, double overheadMs,
                            int contextTokens, long bytesPerToken) {
    public EstimateBasis {
        bandwidthsGbps = List.copyOf(bandwidthsGbps);
    }
}
