package dev.fitd.estimate;

/** One evaluation of a quant at a context: its weights and the placement found for them. */
final class QuantEval {
    final QuantType quant;
    final int context;
    final WeightBytes weights;
    final long fileBytes;
    /** {@link ModelSizing.Sized#activeBytes()}: weight bytes one token reads, wherever they are placed. */
    final double activeBytes;
    final Placer.Plan plan;
    /** An MLX estimate on a machine without Apple silicon: never fits. */
    final boolean mlxOffApple;

    QuantEval(QuantType quant, int context, WeightBytes weights, long fileBytes, double activeBytes, Placer.Plan plan,
              boolean mlxOffApple) {
        this.quant = quant;
        this.context = context;
        this.weights = weights;
        this.fileBytes = fileBytes;
        this.activeBytes = activeBytes;
        this.plan = plan;
        this.mlxOffApple = mlxOffApple;
    }
}
