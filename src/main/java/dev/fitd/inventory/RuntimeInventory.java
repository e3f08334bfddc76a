package dev.fitd.inventory;

import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable picture of every runtime at one moment: what is installed, what is loaded and how each
 * runtime answered. Published by {@link RuntimeRegistry}; joined onto catalog rows by
 * {@link InventoryJoiner}.
 *
 * @param installed installed models of all runtimes (a model installed in two runtimes appears twice)
 * @param loaded loaded instances of all runtimes
 * @param statuses one per runtime, in {@link RuntimeKind} order, disabled ones included
 * @param updatedAt when this picture was assembled, null for {@link #EMPTY}
 */
public record RuntimeInventory(List<InstalledModel> installed, List<LoadedInstance> loaded,
                               List<RuntimeStatus> statuses, Instant updatedAt) {

    public static final RuntimeInventory EMPTY = new RuntimeInventory(List.of(), List.of(), List.of(), null);

    public RuntimeInventory {
        installed = List.copyOf(installed);
        loaded = List.copyOf(loaded);
        statuses = List.copyOf(statuses);
    }

    /** The status of one runtime. */
    public Optional<RuntimeStatus> status(RuntimeKind kind) {
        return statuses.stream().filter(s -> s.runtime() == kind).findFirst();
    }

    /** Installed models of one runtime. */
    public List<InstalledModel> installed(RuntimeKind kind) {
        return installed.stream().filter(m -> m.runtime() == kind).toList();
    }

    /** Loaded instances of one runtime. */
    public List<LoadedInstance> loaded(RuntimeKind kind) {
        return loaded.stream().filter(i -> i.runtime() == kind).toList();
    }
}
