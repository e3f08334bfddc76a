package dev.fitd.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The token mixer of one layer. {@code FULL}: global attention, KV grows with context;
 * {@code SLIDING}: attention over the last {@code sliding_window} tokens (also chunked attention);
 * {@code LINEAR}: recurrent / linear-attention state of fixed size; {@code PARALLEL}: attention and a
 * recurrent mixer side by side in one layer (Falcon-H1).
 */
public enum LayerKind {
    FULL("full"), SLIDING("sliding"), LINEAR("linear"), PARALLEL("parallel");

    private final String wire;

    LayerKind(String wire) { this.wire = wire; }

    @JsonValue
    public String wire() { return wire; }

    /** True when the layer keeps a KV cache (full, sliding or parallel). */
    public boolean hasAttention() { return this != LINEAR; }

    /** True when the layer keeps a fixed recurrent state (linear or parallel). */
    public boolean hasRecurrentState() { return this == LINEAR || this == PARALLEL; }
}
