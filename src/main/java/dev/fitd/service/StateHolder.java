package dev.fitd.service;

import dev.fitd.hardware.HardwareSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the one {@link FitdState} requests are answered from, swapped whenever any part of it changes: a
 * hardware refresh ({@link SnapshotService}), a new inventory or a catalog reload joined onto it
 * ({@link RuntimeService}, which {@link CatalogService} tells of every catalog change, warnings included).
 * The sources call back after their own value is in use; the holder then rebuilds from the latest of each,
 * so callbacks arriving in any order leave the newest state. Readers never wait: {@link #current()} is a
 * field read, and every request, the micro-cache, the metrics job, readiness and {@code /api/v1/system}
 * read it once and use that one value.
 */
@ApplicationScoped
public class StateHolder {
    private final AtomicReference<FitdState> state = new AtomicReference<>();

    @Inject
    SnapshotService snapshots;
    @Inject
    RuntimeService runtimes;

    /** For CDI. */
    StateHolder() { }

    /** Wired by hand (the terminal view, {@link Standalone}); no listeners: call {@link #refresh()} after a change. */
    StateHolder(SnapshotService snapshots, RuntimeService runtimes) {
        this.snapshots = snapshots;
        this.runtimes = runtimes;
        refresh();
    }

    @PostConstruct
    void init() {
        snapshots.onChange(this::refresh);
        runtimes.onChange(this::refresh);
        refresh();
    }

    /** The state to answer from: the latest snapshot, catalog and inventory. Never blocks; null only before the first probe. */
    public FitdState current() {
        return state.get();
    }

    /** Rebuilds the state from the sources' latest values, keeping the same value when nothing changed. */
    synchronized void refresh() {
        HardwareSnapshot hardware = snapshots.current();
        RuntimeService.Current local = runtimes.published();
        if (hardware == null) {
            return;
        }
        FitdState old = state.get();
        if (old != null && old.catalog() == local.catalog() && old.inventory() == local.inventory()
                && old.inventoryVersion() == local.version()) {
            if (old.hardware() != hardware) {
                state.set(old.withHardware(hardware));
            }
            return;
        }
        state.set(FitdState.of(hardware, local));
    }
}
