package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import java.util.List;

/** The context an estimate is sized for (the request's, capped at the model's) and the largest usable one. */
final class ContextSearch {
    private ContextSearch() { }

    /** The request's context, else {@code defaultContext}, never above the model's maximum (a larger one is noted). */
    static int context(ModelSpec model, EstimateRequest req, int defaultContext, List<String> notes) {
        int max = model.maxContextLength();
        if (req.contextTokens() != null) {
            int c = req.contextTokens();
            if (c < 1) {
                throw new IllegalArgumentException("invalid max_context value " + c + ": use a positive number of tokens");
            }
            if (c > max) {
                notes.add("requested context " + c + " exceeds the model's maximum of " + max + " tokens; figures use "
                        + max);
                return max;
            }
            return c;
        }
        return Math.min(defaultContext, max);
    }

    /**
     * Largest context at the chosen quant that keeps the same kind of placement. Memory depends on the context
     * only through whole 256-cell pages ({@link KvCache#paddedCells}: KV cells, sliding-window cells and compute
     * buffers), so the search is over pages, and the answer is the last page that fits, capped at the bound.
     * The model's maximum is tried first: a model that fits at it (most models on a large GPU) costs one placement.
     */
    static int usableContext(EstimateRun run, QuantEval chosen, int maxContext) {
        return usableContext(run, chosen, maxContext, 0);
    }

    /**
     * As {@link #usableContext(EstimateRun, QuantEval, int)}, continuing a search that already found
     * {@code knownFit} tokens to fit at the chosen quant in the same kind of placement (the quant choice
     * searched up to its cap): pages below it are not placed again. Memory grows with the context, so the
     * answer is the same as a search from the start.
     */
    static int usableContext(EstimateRun run, QuantEval chosen, int maxContext, int knownFit) {
        Placer.Restriction r = switch (chosen.plan.mode()) {
            case GPU, MULTI_GPU, UNIFIED -> Placer.Restriction.GPU_RESIDENT;
            case MOE_OFFLOAD -> Placer.Restriction.ALLOW_MOE_OFFLOAD;
            default -> Placer.Restriction.ANY;
        };
        int lo;
        int hi;
        if (chosen.plan.fits()) {
            lo = Math.max(chosen.context, Math.min(knownFit, maxContext));
            hi = maxContext;
        } else {
            Placer.Restriction any = run.runtime == InferenceRuntime.MLX && !chosen.mlxOffApple
                    ? Placer.Restriction.GPU_RESIDENT : Placer.Restriction.ANY;
            if (!run.eval(chosen.quant, 1, any, chosen.mlxOffApple).plan.fits()) {
                return 0;
            }
            lo = 1;
            hi = chosen.context - 1;
        }
        if (hi <= lo) {
            return lo;
        }
        long loPage = KvCache.paddedCells(lo) / KvCache.CELL_PADDING;  // fits: lo does
        long hiPage = KvCache.paddedCells(hi) / KvCache.CELL_PADDING;
        if (hiPage > loPage && fitsAtPage(run, chosen, r, hiPage)) {
            return hi;
        }
        hiPage--;                                                      // the page holding hi does not fit (or is lo's)
        while (loPage < hiPage) {
            long mid = (loPage + hiPage + 1) >>> 1;
            if (fitsAtPage(run, chosen, r, mid)) {
                loPage = mid;
            } else {
                hiPage = mid - 1;
            }
        }
        return (int) Math.max(lo, Math.min(hi, loPage * KvCache.CELL_PADDING));
    }

    private static boolean fitsAtPage(EstimateRun run, QuantEval chosen, Placer.Restriction r, long page) {
        return run.eval(chosen.quant, (int) (page * KvCache.CELL_PADDING), r, chosen.mlxOffApple).plan.fits();
    }
}
