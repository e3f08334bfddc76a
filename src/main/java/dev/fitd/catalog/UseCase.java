package dev.fitd.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** The use-case categories of the /api/v1 query grammar (seed 003), in alphabetical wire order. */
public enum UseCase {
    CHAT("chat"), CODING("coding"), EMBEDDING("embedding"), GENERAL("general"),
    MULTIMODAL("multimodal"), REASONING("reasoning");

    private final String wire;

    UseCase(String wire) { this.wire = wire; }

    @JsonValue
    public String wire() { return wire; }
}
