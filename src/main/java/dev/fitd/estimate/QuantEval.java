package dev.fitd.estimate;

/** One evaluation of a quant at a context: its weights and the placement found for them. */
final class QuantEval {
    final QuantType quant;
    final int context;
    final WeightBytes weights;
    final long fileBytes;
    final Placer.Plan plan;
    /** An MLX estimate on a machine without Apple silicon: never fits. */
    final boolean mlxOffApple;

    QuantEval(QuantType quant, int context, WeightBytes weights, long fileBytes, Placer.Plan plan, boolean mlxOffApple) {
        this.quant = quant;
        this.context = context;
        this.weights = weights;
        this.fileBytes = fileBytes;
        this.plan = plan;
        this.mlxOffApple = mlxOffApple;
    }
}
