package dev.fitd.service;

import dev.fitd.catalog.CatalogState;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.query.Presence;
import dev.fitd.inventory.JoinedInventory;
import dev.fitd.inventory.LocalModel;
import dev.fitd.inventory.ModelPresence;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a request is answered from, as one immutable value: the hardware snapshot, the catalog in
 * use, and the local runtimes' inventory joined onto that catalog, each with its version. A request reads
 * it once ({@link StateHolder#current()}) and uses only it, so the rows, the micro-cache key, the
 * metrics and {@code /api/v1/system} of one request always describe the same machine, catalog and
 * inventory.
 *
 * <p>Where each row is installed and loaded ({@link #presence(String)}) is computed here, once per state,
 * for both the {@code installed}/{@code loaded} filters and the rows' {@code installed_in[]}.
 *
 * @param hardware the current snapshot (never a what-if; what-ifs are derived from it per request)
 * @param catalog the catalog in use, its version and warnings
 * @param inventoryVersion the inventory's version: 0 before the first poll, new only when what is installed
 *        or loaded changed
 * @param inventory the runtimes' inventory joined onto {@code catalog}
 * @param presenceByKey where each installed or loaded row key (a catalog key or an uncatalogued local model's
 *        key) is installed and loaded; keys that are nowhere are absent
 */
public record FitdState(HardwareSnapshot hardware, CatalogState catalog, long inventoryVersion,
                        JoinedInventory inventory, Map<String, ModelPresence> presenceByKey) {

    /** The three versions that key everything computed from a state (graded rows, cached answers, metrics). */
    public record Versions(long snapshot, long inventory, long catalog) { }

    public FitdState {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(inventory, "inventory");
        presenceByKey = Map.copyOf(presenceByKey);
    }

    /** The state of {@code hardware} and a local inventory joined onto {@code local.catalog()}. */
    public static FitdState of(HardwareSnapshot hardware, RuntimeService.Current local) {
        return new FitdState(hardware, local.catalog(), local.version(), local.inventory(), presence(local.inventory()));
    }

    /** This state's versions. */
    public Versions versions() {
        return new Versions(hardware.version(), inventoryVersion, catalog.version());
    }

    /**
     * Where the row with this key is installed and loaded: a catalog entry's presence when it is installed or
     * loaded, else an uncatalogued local model's with that key, else {@link ModelPresence#NONE}.
     */
    public ModelPresence presence(String key) {
        return presenceByKey.getOrDefault(key, ModelPresence.NONE);
    }

    /** The {@code installed}/{@code loaded} filters' view of {@link #presence(String)}. */
    public Presence presence() {
        return new Presence() {
            @Override
            public boolean installed(String key) { return presence(key).installed(); }

            @Override
            public boolean loaded(String key) { return presence(key).loaded(); }
        };
    }

    /** This state with another hardware snapshot (the catalog and inventory unchanged). */
    FitdState withHardware(HardwareSnapshot next) {
        return new FitdState(next, catalog, inventoryVersion, inventory, presenceByKey);
    }

    private static Map<String, ModelPresence> presence(JoinedInventory inventory) {
        Map<String, ModelPresence> byKey = new HashMap<>();
        for (LocalModel local : inventory.uncatalogued()) {
            if (local.presence().installed() || local.presence().loaded()) {
                byKey.putIfAbsent(local.key(), local.presence());
            }
        }
        // a catalog entry that is installed or loaded wins over an uncatalogued model of the same key
        inventory.catalogued().forEach((key, p) -> {
            if (p.installed() || p.loaded()) {
                byKey.put(key, p);
            }
        });
        return byKey;
    }
}
