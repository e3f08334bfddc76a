package dev.fitd.inventory.source;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How one runtime answered its last poll. {@code /api/v1/runtimes} shows it per runtime through
 * {@code api.RuntimesView}.
 *
 * @param runtime which runtime
 * @param baseUrl where it was asked (for GGUF: the scanned directories, joined by {@code ;})
 * @param enabled whether it is enabled in configuration
 * @param reachable true when the last poll returned a usable model list ({@link RuntimeState#OK})
 * @param state the outcome of the last poll
 * @param version runtime version when it reports one (Ollama {@code /api/version}), else null
 * @param api the endpoint that answered, e.g. {@code /api/v1/models} or the fallback {@code /api/v0/models}
 * @param installedCount installed models currently attributed to it
 * @param loadedCount loaded instances currently attributed to it
 * @param lastError what went wrong in the last poll, null when it succeeded
 * @param lastChecked when the last poll finished, null before the first
 * @param lastSuccess when a poll last succeeded, null if never
 * @param latencyMs duration of the last poll in milliseconds
 * @param stale true when the installed list is the one from {@code lastSuccess}, kept because the last poll failed
 * @param warnings non-fatal remarks (skipped entries, corrupt files, fallbacks)
 */
public record RuntimeStatus(
        RuntimeKind runtime,
        String baseUrl,
        boolean enabled,
        boolean reachable,
        RuntimeState state,
        String version,
        String api,
        int installedCount,
        int loadedCount,
        String lastError,
        Instant lastChecked,
        Instant lastSuccess,
        long latencyMs,
        boolean stale,
        List<String> warnings) {

    public RuntimeStatus {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(state, "state");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A runtime switched off in configuration. */
    public static RuntimeStatus disabled(RuntimeKind runtime, String baseUrl) {
        return new RuntimeStatus(runtime, baseUrl, false, false, RuntimeState.DISABLED, null, null, 0, 0, null,
                null, null, 0, false, List.of());
    }

    /** An enabled runtime before its first poll. */
    public static RuntimeStatus pending(RuntimeKind runtime, String baseUrl) {
        return new RuntimeStatus(runtime, baseUrl, true, false, RuntimeState.PENDING, null, null, 0, 0, null,
                null, null, 0, false, List.of());
    }
}
