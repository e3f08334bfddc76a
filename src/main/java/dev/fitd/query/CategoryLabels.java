package dev.fitd.query;

import dev.fitd.catalog.UseCase;

/**
 * The category label of each use case, as shown in rows ({@code category}) and matched by {@code search}: llmfit's
 * vocabulary ({@code UseCase::label()} in AlexsJones/llmfit {@code llmfit-core/src/models.rs}), which its clients
 * read (Sympozium's fitness poller stores it as the model's use case).
 */
public final class CategoryLabels {
    private CategoryLabels() { }

    public static String of(UseCase useCase) {
        return switch (useCase) {
            case GENERAL -> "General";
            case CODING -> "Coding";
            case REASONING -> "Reasoning";
            case CHAT -> "Chat";
            case MULTIMODAL -> "Multimodal";
            case EMBEDDING -> "Embedding";
        };
    }
}
