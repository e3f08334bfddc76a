package dev.fitd.estimate;

/**
 * How the caller ranks the quants that fit, so the estimator can choose a quant by the row's own score
 * (quality, speed, fit and context together) rather than by size. {@code fit.Grader} provides it; the
 * estimator knows nothing of how scores are made.
 */
public interface QuantScore {

    /** The score of a candidate estimate (one that fits), higher is better, at the precision it is shown. */
    double score(ModelEstimate candidate);

    /**
     * The highest score any estimate at {@code quant} could reach (quality at this quant, speed at most
     * {@code maxSpeedTps}, every other component at its maximum): a quant whose bound is below the best score
     * found is not evaluated.
     *
     * @param maxSpeedTps an upper bound of the tokens/s the score reads at {@code quant} (prefill for embedding
     *        models, decode otherwise); infinite when none is known
     * @param mayBeGpuResident false when {@code quant} cannot sit entirely in GPU memory (it will be offloaded or
     *        run on the CPU)
     */
    double bound(QuantType quant, double maxSpeedTps, boolean mayBeGpuResident);

    /** Whether {@code quant} is at or above the quality floor; quants below it are chosen only when nothing above fits. */
    boolean aboveFloor(QuantType quant);

    /** Usable context beyond which more context adds nothing to the score, tokens (bounds the context search of candidates). */
    int contextCap();
}
