package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.CatalogState;
import dev.fitd.estimate.TestMachines;
import dev.fitd.inventory.JoinedInventory;
import dev.fitd.inventory.RuntimeInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The one state value: the same value until a source changes, a new one after each change of either source. */
class StateHolderTest {

    @Test
    void swapsTheStateOnEveryRefreshOfEitherSourceAndOnlyThen() {
        SnapshotService snapshots = new SnapshotService();
        snapshots.probe = (previous, version) -> TestMachines.desktop4090();
        snapshots.start();
        CatalogState catalog = new CatalogState(1, new Catalog(List.of()), Instant.EPOCH, List.of());
        AtomicReference<RuntimeService.Current> local =
                new AtomicReference<>(new RuntimeService.Current(0, JoinedInventory.EMPTY, catalog));
        List<Runnable> listeners = new ArrayList<>();
        RuntimeService runtimes = new RuntimeService() {
            @Override
            public Current current() { return local.get(); }

            @Override
            Current published() { return local.get(); }

            @Override
            public void onChange(Runnable listener) { listeners.add(listener); }
        };
        StateHolder holder = new StateHolder();
        holder.snapshots = snapshots;
        holder.runtimes = runtimes;
        holder.init();

        FitdState first = holder.current();
        assertSame(first, holder.current(), "nothing changed: the same value");
        assertEquals(new FitdState.Versions(first.hardware().version(), 0, 1), first.versions());

        snapshots.refresh();
        FitdState second = holder.current();
        assertNotSame(first.hardware(), second.hardware(), "a hardware refresh swaps the state");
        assertSame(first.inventory(), second.inventory());

        JoinedInventory polled = new JoinedInventory(Map.of(), List.of(), RuntimeInventory.EMPTY);
        local.set(new RuntimeService.Current(1, polled, catalog));
        listeners.forEach(Runnable::run);
        FitdState third = holder.current();
        assertSame(polled, third.inventory(), "a new inventory swaps the state");
        assertSame(second.hardware(), third.hardware());
        assertEquals(1, third.versions().inventory());
    }
}
