package dev.fitd.service;

import dev.fitd.catalog.CatalogState;
import dev.fitd.config.RuntimeConfig;
import dev.fitd.inventory.InventoryJoiner;
import dev.fitd.inventory.JoinedInventory;
import dev.fitd.inventory.RuntimeInventory;
import dev.fitd.inventory.RuntimeRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the local runtimes (LM Studio, Ollama, Jan, GGUF files) have installed and loaded, joined onto
 * the catalog. The registry polls in the background; every new inventory is joined once, on the
 * polling thread, and swapped in with a new version number that keys the row cache. A new catalog
 * version is joined the same way, on the reloading thread ({@link CatalogService#onChange}), with an
 * {@link InventoryJoiner} built for that version. Requests only read {@link #current()}: a runtime that
 * is down or slow never delays them.
 *
 * <p>{@link Current} carries the catalog it was joined against, so a request that takes both from one
 * {@code Current} never grades one catalog with an inventory joined onto another. Should a request
 * arrive between a reload and its join, {@link #current()} joins first (once per catalog version). A
 * catalog state that differs only in its warnings (a failed reload keeps the catalog) replaces the one
 * in {@code Current} without a join, so answers report the catalog's current warnings.
 */
@ApplicationScoped
public class RuntimeService {

    /**
     * A joined inventory, its version (0 before the first poll) and the catalog it was joined against.
     * The version changes only when what is installed or loaded changed; the catalog has its own version.
     */
    public record Current(long version, JoinedInventory inventory, CatalogState catalog) { }

    /** A joiner and the catalog version it was built for. */
    private record Joiner(long catalogVersion, InventoryJoiner joiner) { }

    @Inject
    RuntimeConfig config;
    @Inject
    CatalogService catalogs;

    private final AtomicReference<Current> current = new AtomicReference<>();
    private final AtomicLong versions = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Object joining = new Object();
    // guarded by joining
    private RuntimeInventory latest = RuntimeInventory.EMPTY;
    private Joiner joiner;
    private RuntimeRegistry registry;

    @PostConstruct
    void init() {
        current.set(new Current(0, JoinedInventory.EMPTY, catalogs.current()));
    }

    void start(@Observes StartupEvent event) {
        catalogs.onChange(catalog -> rejoin());
        catalogs.onAnyChange(catalog -> rejoin());   // a failed reload changes the warnings, not the version
        registry = RuntimeRegistry.create(config.toSettings(Path.of(System.getProperty("user.home"))));
        registry.onChange(this::publish);
        publish(registry.latest());
        registry.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (registry != null) {
            registry.stop();
        }
    }

    /** A new inventory from the registry: joined onto the catalog in use. */
    private void publish(RuntimeInventory inventory) {
        synchronized (joining) {
            latest = inventory;
            join();
        }
    }

    /**
     * Brings {@link #current} up to the catalog in use: a new catalog version is joined, a state that
     * differs only in its warnings replaces the old one without a join.
     */
    private Current rejoin() {
        synchronized (joining) {
            Current c = current.get();
            CatalogState now = catalogs.current();
            if (c.catalog() == now) {
                return c;
            }
            if (c.catalog().version() == now.version()) {
                Current updated = new Current(c.version(), c.inventory(), now);
                current.set(updated);
                listeners.forEach(Runnable::run);
                return updated;
            }
            return join();
        }
    }

    /**
     * Joins {@link #latest} onto the catalog in use; the caller holds {@link #joining}. The version (which
     * keys the row cache) changes only when what is installed or loaded changed, not on every poll:
     * statuses and timestamps alone do not re-grade the catalog.
     */
    private Current join() {
        CatalogState catalog = catalogs.current();
        if (joiner == null || joiner.catalogVersion() != catalog.version()) {
            joiner = new Joiner(catalog.version(), new InventoryJoiner(catalog.catalog()));
        }
        JoinedInventory joined = joiner.joiner().join(latest);
        Current next = current.updateAndGet(old -> {
            boolean same = old.version() > 0 && old.inventory().catalogued().equals(joined.catalogued())
                    && old.inventory().uncatalogued().equals(joined.uncatalogued());
            return new Current(same ? old.version() : versions.incrementAndGet(), joined, catalog);
        });
        listeners.forEach(Runnable::run);
        return next;
    }

    /**
     * Calls {@code listener} after every new {@link Current} is in use (a join, a catalog reload, new catalog
     * warnings), on the thread that made it, while the next join waits ({@link StateHolder}).
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** The latest joined inventory as published, without joining (the holder's view; see {@link #current()}). */
    Current published() {
        return current.get();
    }

    /**
     * The latest inventory, joined onto the catalog in use. Never waits on a runtime; joins only in the
     * moment between a catalog reload and the reloading thread's own join.
     */
    public Current current() {
        Current c = current.get();
        return c.catalog() == catalogs.current() ? c : rejoin();
    }
}
