package dev.fitd.inventory.source;

import java.util.List;
import java.util.Objects;

/**
 * The result of one poll of one runtime, before the registry adds timestamps and history.
 *
 * @param state outcome
 * @param listing what it reported ({@link RuntimeListing#EMPTY} on failure)
 * @param version runtime version when known
 * @param api endpoint that answered
 * @param error what went wrong, null on success
 * @param latencyMs duration of the poll
 * @param warnings non-fatal remarks
 */
public record RuntimePoll(RuntimeState state, RuntimeListing listing, String version, String api, String error,
                          long latencyMs, List<String> warnings) {
    public RuntimePoll {
        Objects.requireNonNull(state, "state");
        listing = listing == null ? RuntimeListing.EMPTY : listing;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean ok() { return state == RuntimeState.OK; }

    public static RuntimePoll failed(RuntimeState state, String api, String error, long latencyMs) {
        return new RuntimePoll(state, RuntimeListing.EMPTY, null, api, error, latencyMs, List.of());
    }
}
