package dev.fitd.service;

import dev.fitd.catalog.Catalog;
import dev.fitd.config.RuntimeConfig;
import dev.fitd.runtime.InventoryJoiner;
import dev.fitd.runtime.JoinedInventory;
import dev.fitd.runtime.RuntimeInventory;
import dev.fitd.runtime.RuntimeRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the local runtimes (LM Studio, Ollama, Jan, GGUF files) have installed and loaded, joined onto
 * the catalog. The registry polls in the background; every new inventory is joined once, on the
 * polling thread, and swapped in with a new version number that keys the row cache. Requests only
 * read {@link #current()}: a runtime that is down or slow never delays them.
 */
@ApplicationScoped
public class RuntimeService {

    /** A joined inventory and its version (0 before the first poll). */
    public record Current(long version, JoinedInventory inventory) { }

    @Inject
    RuntimeConfig config;
    @Inject
    Catalog catalog;

    private final AtomicReference<Current> current = new AtomicReference<>(new Current(0, JoinedInventory.EMPTY));
    private final AtomicLong versions = new AtomicLong();
    private RuntimeRegistry registry;
    private InventoryJoiner joiner;

    void start(@Observes StartupEvent event) {
        joiner = new InventoryJoiner(catalog);
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

    /**
     * Joins a new inventory. The version (which keys the row cache) changes only when what is installed
     * or loaded changed, not on every poll: statuses and timestamps alone do not re-grade the catalog.
     */
    private void publish(RuntimeInventory inventory) {
        JoinedInventory joined = joiner.join(inventory);
        current.updateAndGet(old -> {
            boolean same = old.version() > 0 && old.inventory().catalogued().equals(joined.catalogued())
                    && old.inventory().uncatalogued().equals(joined.uncatalogued());
            return new Current(same ? old.version() : versions.incrementAndGet(), joined);
        });
    }

    /** The latest joined inventory. Never blocks. */
    public Current current() {
        return current.get();
    }
}
