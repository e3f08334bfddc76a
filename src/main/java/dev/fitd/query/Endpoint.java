package dev.fitd.query;

/**
 * The three model endpoints. They share one grammar and differ only in defaults (seed 003,
 * "Default Values by Endpoint"): {@code /models/top} returns 5 rows and leaves out too_tight rows
 * unless asked; {@code /models} and {@code /models/{name}} return everything.
 */
public enum Endpoint {
    MODELS(null, true), TOP(5, false), NAME(null, true);

    private final Integer defaultLimit;
    private final boolean defaultIncludeTooTight;

    Endpoint(Integer defaultLimit, boolean defaultIncludeTooTight) {
        this.defaultLimit = defaultLimit;
        this.defaultIncludeTooTight = defaultIncludeTooTight;
    }

    /** Default row limit, null for unlimited. */
    public Integer defaultLimit() { return defaultLimit; }

    public boolean defaultIncludeTooTight() { return defaultIncludeTooTight; }
}
