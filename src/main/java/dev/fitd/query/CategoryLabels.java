package dev.fitd.query;

import dev.fitd.catalog.UseCase;

/** The human category label of each use case, as shown in rows and matched by {@code search}. */
public final class CategoryLabels {
    private CategoryLabels() { }

    public static String of(UseCase useCase) {
        return switch (useCase) {
            case GENERAL -> "General purpose";
            case CODING -> "Coding";
            case REASONING -> "Reasoning";
            case CHAT -> "Chat / instruction following";
            case MULTIMODAL -> "Multimodal (vision + language)";
            case EMBEDDING -> "Text embedding";
        };
    }
}
