package dev.fitd.query;

import dev.fitd.catalog.ModelType;
import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import java.util.Comparator;
import java.util.Locale;

/**
 * The {@code sort} orders of seed 003. In every order too_tight rows come after every runnable row (an
 * unrunnable model is never a better answer than a runnable one). The score and tps orders rank LLMs
 * before embedding models: an embedding model's score and decode speed are not comparable with a chat
 * model's (it never decodes), so embedding rows follow, among themselves by score, or by prefill tokens/s
 * for tps. Every order is made total and deterministic by breaking ties on score (descending) and then on
 * the model key (ascending), so the same query gives the same rows in the same order on every node and
 * across restarts.
 */
enum SortKey {
    /** Overall fit score, descending. */
    SCORE(true, Comparator.comparingDouble((FitResult r) -> r.score().total()).reversed()),
    /** Estimated decode tokens/s, descending (prefill tokens/s for embedding models, ranked after LLMs); rows without an estimate last. */
    TPS(true, Comparator.comparing((FitResult r) -> r.model().type() == ModelType.EMBEDDING
                    ? r.estimate().prefillTps() : r.estimate().decodeTps(),
            Comparator.nullsLast(Comparator.<Double>reverseOrder()))),
    /** Total parameter count, descending. */
    PARAMS(false, Comparator.comparingLong((FitResult r) -> r.model().params()).reversed()),
    /** Memory utilisation (required / available), ascending. */
    MEM(false, Comparator.comparingDouble((FitResult r) -> r.estimate().utilizationPercent())),
    /** The model's maximum context length, descending. */
    CTX(false, Comparator.comparingInt((FitResult r) -> r.model().maxContextLength()).reversed()),
    /** Release date, newest first; undated rows last. */
    DATE(false, Comparator.comparing((FitResult r) -> r.model().releaseDate(),
            Comparator.nullsLast(Comparator.<java.time.LocalDate>reverseOrder()))),
    /** Use-case category, alphabetical. */
    USE_CASE(false, Comparator.comparing((FitResult r) -> r.model().useCase().wire()));

    private final Comparator<FitResult> order;

    SortKey(boolean llmsFirst, Comparator<FitResult> primary) {
        Comparator<FitResult> ranked = llmsFirst
                ? Comparator.comparing((FitResult r) -> r.model().type() == ModelType.EMBEDDING).thenComparing(primary)
                : primary;
        this.order = Comparator.comparing((FitResult r) -> r.level() == FitLevel.TOO_TIGHT)
                .thenComparing(ranked).thenComparing(TieBreak.ORDER);
    }

    /** The full, deterministic order. */
    public Comparator<FitResult> order() { return order; }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    /** Ties: higher score first, then key A–Z (a holder class: enum constructors cannot read enum statics). */
    private static final class TieBreak {
        static final Comparator<FitResult> ORDER =
                Comparator.comparingDouble((FitResult r) -> r.score().total()).reversed()
                        .thenComparing(r -> r.model().key());
    }
}
