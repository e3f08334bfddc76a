package dev.fitd.fit;

import dev.fitd.catalog.UseCase;

/**
 * How much each score component counts for a use case, and what the use case wants.
 *
 * <table>
 * <caption>weights (sum to 1) and targets</caption>
 * <tr><th>use case</th><th>quality</th><th>speed</th><th>fit</th><th>context</th><th>speed target</th><th>context target</th></tr>
 * <tr><td>general</td><td>0.40</td><td>0.25</td><td>0.20</td><td>0.15</td><td>30 tok/s</td><td>8192</td></tr>
 * <tr><td>chat</td><td>0.35</td><td>0.30</td><td>0.20</td><td>0.15</td><td>30 tok/s</td><td>8192</td></tr>
 * <tr><td>coding</td><td>0.40</td><td>0.20</td><td>0.15</td><td>0.25</td><td>40 tok/s</td><td>32768</td></tr>
 * <tr><td>reasoning</td><td>0.45</td><td>0.25</td><td>0.10</td><td>0.20</td><td>50 tok/s</td><td>32768</td></tr>
 * <tr><td>multimodal</td><td>0.40</td><td>0.25</td><td>0.20</td><td>0.15</td><td>30 tok/s</td><td>8192</td></tr>
 * <tr><td>embedding</td><td>0.30</td><td>0.25</td><td>0.35</td><td>0.10</td><td>2000 tok/s prefill</td><td>512</td></tr>
 * </table>
 * Why: chat is interactive (speed counts most after quality); coding needs whole files in context;
 * reasoning models think for thousands of tokens, so quality and speed dominate and their traces need
 * long context; an embedding model is small and batch-run, so what matters is that it sits comfortably
 * beside other work and how fast it encodes.
 */
record UseCaseWeights(double quality, double speed, double fit, double context, double targetTps,
                             int targetContext) {

    public static UseCaseWeights of(UseCase useCase) {
        if (useCase == null) {
            return of(UseCase.GENERAL);
        }
        return switch (useCase) {
            case CHAT -> new UseCaseWeights(0.35, 0.30, 0.20, 0.15, 30, 8192);
            case CODING -> new UseCaseWeights(0.40, 0.20, 0.15, 0.25, 40, 32768);
            case REASONING -> new UseCaseWeights(0.45, 0.25, 0.10, 0.20, 50, 32768);
            case EMBEDDING -> new UseCaseWeights(0.30, 0.25, 0.35, 0.10, 2000, 512);
            case GENERAL, MULTIMODAL -> new UseCaseWeights(0.40, 0.25, 0.20, 0.15, 30, 8192);
        };
    }
}
