package dev.fitd.fit;

import java.util.Locale;

/** How well a model fits, best first. Wire form: {@code perfect|good|marginal|too_tight}. */
public enum FitLevel {
    PERFECT, GOOD, MARGINAL, TOO_TIGHT;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    /** True when this level is at least as good as {@code other}. */
    public boolean atLeast(FitLevel other) { return ordinal() <= other.ordinal(); }
}
