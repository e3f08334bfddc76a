package dev.fitd.fit;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.hardware.HardwareSnapshot;

/** Grades a model against a machine. Pure. */
public interface FitEvaluator {
    FitResult evaluate(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request);
}
