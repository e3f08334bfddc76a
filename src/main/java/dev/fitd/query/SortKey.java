package dev.fitd.query;

import dev.fitd.fit.FitResult;
import java.util.Comparator;
import java.util.Locale;

/**
 * The {@code sort} orders of seed 003. Every order is made total and deterministic by breaking ties
 * on score (descending) and then on the model key (ascending), so the same query gives the same rows
 * in the same order on every node and across restarts.
 */
public enum SortKey {
    /** Overall fit score, descending. */
    SCORE(Comparator.comparingDouble((FitResult r) -> r.score().total()).reversed()),
    /** Estimated decode tokens/s, descending; rows without an estimate last. */
    TPS(Comparator.comparing((FitResult r) -> r.estimate().decodeTps(),
            Comparator.nullsLast(Comparator.<Double>reverseOrder()))),
    /** Total parameter count, descending. */
    PARAMS(Comparator.comparingLong((FitResult r) -> r.model().params()).reversed()),
    /** Memory utilisation (required / available), ascending. */
    MEM(Comparator.comparingDouble((FitResult r) -> r.estimate().utilizationPercent())),
    /** The model's maximum context length, descending. */
    CTX(Comparator.comparingInt((FitResult r) -> r.model().maxContextLength()).reversed()),
    /** Release date, newest first; undated rows last. */
    DATE(Comparator.comparing((FitResult r) -> r.model().releaseDate(),
            Comparator.nullsLast(Comparator.<java.time.LocalDate>reverseOrder()))),
    /** Use-case category, alphabetical. */
    USE_CASE(Comparator.comparing((FitResult r) -> r.model().useCase().wire()));

    private final Comparator<FitResult> order;

    SortKey(Comparator<FitResult> primary) {
        this.order = primary.thenComparing(TieBreak.ORDER);
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
