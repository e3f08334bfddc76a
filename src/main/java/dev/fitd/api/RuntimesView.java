package dev.fitd.api;

import dev.fitd.inventory.JoinedInventory;
import java.time.Instant;
import java.util.List;

/**
 * The JSON of {@code GET /api/v1/runtimes}, built from the inventory's domain records (which carry no JSON
 * annotations): enums as their wire names, the display name beside the kind. Property names become
 * snake_case through the application's Jackson naming strategy. The record names are the OpenAPI schema
 * names ({@code RuntimesResponse}, {@code RuntimeStatus}), kept from when the domain record was serialised
 * directly so that clients generated from the document keep their types.
 */
public final class RuntimesView {
    private RuntimesView() { }

    /** The response: one status per runtime, plus totals over all of them. */
    public record RuntimesResponse(List<RuntimeStatus> runtimes, int installedModels, int loadedInstances,
                                   int catalogued, int uncatalogued, long inventoryVersion) {

        static RuntimesResponse of(JoinedInventory j, long inventoryVersion) {
            return new RuntimesResponse(j.source().statuses().stream().map(RuntimeStatus::of).toList(),
                    j.source().installed().size(), j.source().loaded().size(), j.catalogued().size(),
                    j.uncatalogued().size(), inventoryVersion);
        }
    }

    /**
     * How one runtime answered its last poll; see {@link dev.fitd.inventory.source.RuntimeStatus} for each
     * field. {@code runtime} and {@code state} are the wire names of
     * {@link dev.fitd.inventory.source.RuntimeKind} and {@link dev.fitd.inventory.source.RuntimeState};
     * {@code name} is the runtime's display name.
     */
    public record RuntimeStatus(String runtime, String baseUrl, boolean enabled, boolean reachable, String state,
                                String version, String api, int installedCount, int loadedCount, String lastError,
                                Instant lastChecked, Instant lastSuccess, long latencyMs, boolean stale,
                                List<String> warnings, String name) {

        static RuntimeStatus of(dev.fitd.inventory.source.RuntimeStatus s) {
            return new RuntimeStatus(s.runtime().wire(), s.baseUrl(), s.enabled(), s.reachable(), s.state().wire(),
                    s.version(), s.api(), s.installedCount(), s.loadedCount(), s.lastError(), s.lastChecked(),
                    s.lastSuccess(), s.latencyMs(), s.stale(), s.warnings(), s.runtime().displayName());
        }
    }
}
