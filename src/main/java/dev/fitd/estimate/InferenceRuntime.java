package dev.fitd.estimate;

import java.util.Locale;

/** The inference runtime a figure is computed for. Wire form: {@code llamacpp}, {@code mlx}. */
public enum InferenceRuntime {
    LLAMACPP, MLX;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
