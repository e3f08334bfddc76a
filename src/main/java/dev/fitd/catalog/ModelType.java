package dev.fitd.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a model produces: text (llm) or vectors (embedding). Spelled as in LM Studio's API. */
public enum ModelType {
    LLM("llm"), EMBEDDING("embedding");

    private final String wire;

    ModelType(String wire) { this.wire = wire; }

    @JsonValue
    public String wire() { return wire; }
}
