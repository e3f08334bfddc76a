package dev.fitd.estimate;

import java.util.List;

/**
 * How a throughput figure was obtained, so a person can check it: decode time per token =
 * Σ over places (bytes read there / (bandwidth × efficiency)) + overhead.
 *
 * @param method short name of the model, e.g. {@code bandwidth-roofline}
 * @param bandwidthsGbps peak bandwidth of each place the weights are read from, GB/s
 * @param efficiency fraction of peak bandwidth reached at the place read most (fitted on the calibration data)
 * @param overheadMs fixed per-token overhead in milliseconds
 * @param contextTokens KV depth the KV bytes are counted at (half the working context)
 * @param bytesPerToken bytes read per decoded token (weights + KV), all places
 * @param places name of each place, in the order of {@code bandwidthsGbps}
 * @param bytesPerTokenByPlace bytes read per token at each place
 * @param efficiencies effective fraction of peak bandwidth at each place (after the CPU thread cap and
 *        the low-bit factor)
 * @param cpuThreads CPU threads assumed where the CPU computes (0 when it does not)
 */
public record EstimateBasis(String method, List<Double> bandwidthsGbps, double efficiency, double overheadMs,
                            int contextTokens, long bytesPerToken, List<String> places, List<Long> bytesPerTokenByPlace,
                            List<Double> efficiencies, int cpuThreads) {
    public EstimateBasis {
        bandwidthsGbps = List.copyOf(bandwidthsGbps);
        places = List.copyOf(places);
        bytesPerTokenByPlace = List.copyOf(bytesPerTokenByPlace);
        efficiencies = List.copyOf(efficiencies);
    }

    /** The original six-field form (one place, no per-place detail). */
    public EstimateBasis(String method, List<Double> bandwidthsGbps, double efficiency, double overheadMs,
                         int contextTokens, long bytesPerToken) {
        this(method, bandwidthsGbps, efficiency, overheadMs, contextTokens, bytesPerToken, List.of(), List.of(),
                List.of(), 0);
    }
}
