package dev.fitd.inventory.source;

import java.util.Locale;

/**
 * Outcome of the last poll of one runtime. Only {@code OK} counts as reachable: a runtime that
 * answers 401 is running but of no use to fitd until a token is configured.
 */
public enum RuntimeState {
    /** Answered with a usable model list. */
    OK,
    /** Turned off in configuration; never polled. */
    DISABLED,
    /** Not polled yet. */
    PENDING,
    /** Connection refused or host unknown: the runtime is not running. */
    DOWN,
    /** No answer within the configured timeout. */
    TIMEOUT,
    /** HTTP 401 / 403: a token or API key is missing or wrong. */
    UNAUTHORIZED,
    /** Another HTTP error status. */
    HTTP_ERROR,
    /** Answered, but not with JSON of the expected shape. */
    BAD_RESPONSE,
    /** A directory or file could not be read (GGUF scanning). */
    IO_ERROR;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
