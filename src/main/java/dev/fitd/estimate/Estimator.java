package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.hardware.HardwareSnapshot;

/** Memory and throughput of one model on one machine. Pure: same inputs, same answer. */
public interface Estimator {
    /**
     * @throws IllegalArgumentException when the request names a quantization or KV type that does not exist
     */
    ModelEstimate estimate(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request);
}
