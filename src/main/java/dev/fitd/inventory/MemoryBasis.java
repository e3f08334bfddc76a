package dev.fitd.inventory;

import java.util.Locale;

/**
 * How exact the memory figures of an uncatalogued local model can be.
 * <ul>
 * <li>{@code EXACT}: weights are the installed bytes (GGUF tensor sum, or the runtime's size) and the
 * architecture comes from GGUF metadata, so the estimator sizes KV cache and overhead exactly;</li>
 * <li>{@code WEIGHTS_ONLY}: weights are the installed bytes but no runtime reported architecture
 * facts, so the KV cache is unknown and the total is a lower bound.</li>
 * </ul>
 */
public enum MemoryBasis {
    EXACT, WEIGHTS_ONLY;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
