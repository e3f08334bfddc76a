package dev.fitd.fit;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.Estimator;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.hardware.HardwareSnapshot;

/**
 * Estimates a model on a machine and grades it ({@link Grader}). The score is weighted by the model's
 * own use case unless the caller names another. Unless the request forces a quant, the estimator chooses it
 * by that same score ({@link Grader#chooser}). Pure and thread-safe.
 *
 * <pre>new DefaultFitEvaluator(new RooflineEstimator(settings), thresholds)</pre>
 */
public final class DefaultFitEvaluator implements FitEvaluator {
    private final Estimator estimator;
    private final FitThresholds thresholds;

    public DefaultFitEvaluator(Estimator estimator, FitThresholds thresholds) {
        this.estimator = estimator;
        this.thresholds = thresholds;
    }

    @Override
    public FitResult evaluate(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request) {
        return evaluate(model, hardware, request, model.useCase());
    }

    /** As {@link #evaluate(ModelSpec, HardwareSnapshot, EstimateRequest)}, with the score weighted for {@code weighting}. */
    public FitResult evaluate(ModelSpec model, HardwareSnapshot hardware, EstimateRequest request, UseCase weighting) {
        ModelEstimate e = estimator.estimateRanked(model, hardware, request, Grader.chooser(model, thresholds, weighting));
        return new FitResult(model, e, Grader.level(model, e, thresholds), Grader.score(model, e, thresholds, weighting));
    }

    public FitThresholds thresholds() { return thresholds; }
}
