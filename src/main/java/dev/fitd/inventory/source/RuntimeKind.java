package dev.fitd.inventory.source;

import java.util.Locale;

/** A source of installed / loaded models. Wire form: {@code lmstudio}, {@code ollama}, {@code jan}, {@code gguf}. */
public enum RuntimeKind {
    LMSTUDIO("LM Studio"), OLLAMA("Ollama"), JAN("Jan"), GGUF("GGUF files");

    private final String displayName;

    RuntimeKind(String displayName) { this.displayName = displayName; }

    /** Human-readable name, e.g. {@code LM Studio}. */
    public String displayName() { return displayName; }

    /** Wire form, e.g. {@code lmstudio}. */
    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
