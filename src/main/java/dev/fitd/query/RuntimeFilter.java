package dev.fitd.query;

import dev.fitd.estimate.InferenceRuntime;

/** The {@code runtime} filter: any runtime, or rows whose estimate runs under MLX or llama.cpp. */
enum RuntimeFilter {
    ANY(null), MLX(InferenceRuntime.MLX), LLAMACPP(InferenceRuntime.LLAMACPP);

    private final InferenceRuntime runtime;

    RuntimeFilter(InferenceRuntime runtime) { this.runtime = runtime; }

    /** The runtime a row must use to pass, null for any. */
    public InferenceRuntime runtime() { return runtime; }
}
