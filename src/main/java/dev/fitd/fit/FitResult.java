package dev.fitd.fit;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.ModelEstimate;

/** One model graded against one machine: the estimate, its fit level and its score. */
public record FitResult(ModelSpec model, ModelEstimate estimate, FitLevel level, Score score) { }
