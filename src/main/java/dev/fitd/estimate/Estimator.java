package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.hardware.HardwareSnapshot;

/** Memory and throughput of one model on one machine. Pure: same inputs, same answer. */
public interface Estimator {
    /**
     * @throws IllegalArgumentException when the request names a quantization or KV type that does not exist
     */
    ModelEstimate estimate(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request);

    /**
     * As {@link #estimate(ModelSpec, HardwareSnapshot, EstimateRequest)}, choosing the quant (when the request
     * forces none) by {@code score}. The default ignores {@code score}.
     */
    default ModelEstimate estimateRanked(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request,
                                         QuantScore score) {
        return estimate(model, hardware, request);
    }
}
