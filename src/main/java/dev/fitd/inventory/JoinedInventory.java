package dev.fitd.inventory;

import dev.fitd.inventory.source.InstalledModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtimes' inventory joined onto the catalog.
 *
 * @param catalogued presence of each catalog entry that is installed or loaded somewhere, by catalog key
 * @param uncatalogued local models the catalog does not know, sorted by key: each becomes a row
 * @param source the inventory this was built from (statuses for {@code /api/v1/runtimes})
 * @param matchedBy how each catalogued copy's name matched its entry ({@code exact}, {@code alias},
 *        {@code normalised}, {@code gguf_metadata}), by {@code runtime:id} ({@link #matchedBy(InstalledModel)})
 */
public record JoinedInventory(Map<String, ModelPresence> catalogued, List<LocalModel> uncatalogued,
                              RuntimeInventory source, Map<String, String> matchedBy) {

    public static final JoinedInventory EMPTY = new JoinedInventory(Map.of(), List.of(), RuntimeInventory.EMPTY);

    public JoinedInventory {
        catalogued = Collections.unmodifiableMap(new LinkedHashMap<>(catalogued));
        uncatalogued = List.copyOf(uncatalogued);
        matchedBy = matchedBy == null ? Map.of() : Map.copyOf(matchedBy);
    }

    /** A join without match details (tests, the empty inventory). */
    public JoinedInventory(Map<String, ModelPresence> catalogued, List<LocalModel> uncatalogued, RuntimeInventory source) {
        this(catalogued, uncatalogued, source, Map.of());
    }

    /** How a catalogued copy's name matched its entry, null for an uncatalogued copy. */
    public String matchedBy(InstalledModel m) {
        return matchedBy.get(m.runtime().wire() + ":" + m.id());
    }

    /** Presence of a catalog entry: {@link ModelPresence#NONE} when it is nowhere. */
    public ModelPresence presence(String catalogKey) {
        return catalogued.getOrDefault(catalogKey, ModelPresence.NONE);
    }
}
