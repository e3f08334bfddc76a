package dev.fitd.inventory.source;

import java.util.List;

/**
 * What one runtime response says: the models it has and the instances it holds in memory.
 *
 * @param installed installed models
 * @param loaded loaded instances
 * @param warnings entries skipped or values ignored, each naming the entry
 */
public record RuntimeListing(List<InstalledModel> installed, List<LoadedInstance> loaded, List<String> warnings) {
    public RuntimeListing {
        installed = List.copyOf(installed);
        loaded = List.copyOf(loaded);
        warnings = List.copyOf(warnings);
    }

    public static final RuntimeListing EMPTY = new RuntimeListing(List.of(), List.of(), List.of());
}
