package dev.fitd.service;

import dev.fitd.catalog.CatalogFile;
import dev.fitd.catalog.CatalogLoader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Reads the bundled catalog on a background thread while the rest of the daemon starts. Reading and
 * validating the bundled files (~250 ms at start, most of it first use of Jackson and the schema walker)
 * is independent of configuration, so {@code dev.fitd.Startup} (the one place that wires start-up, beside
 * {@code Main}) starts it before the framework boots and the catalog service {@linkplain #take() takes} the
 * result when it needs it: the one static slot below is that handover across the framework's boot. On a 2-core machine the two
 * run side by side; nothing is read twice, and a failure is thrown where the read would have thrown.
 *
 * <p>Without {@link #start()} (tests, embedded use) {@link #take()} returns null and the caller reads the
 * catalog itself.
 *
 * <p>It lives in {@code service}, the composition root, not in {@code catalog}: the pure core holds no
 * process-wide mutable state, and the one static slot belongs beside the services that take it.
 */
public final class CatalogPreload {

    /** A loader (schema parsed, mapper built) and the bundled files it read. */
    public record Result(CatalogLoader loader, List<CatalogFile> bundled) { }

    private static CompletableFuture<Result> pending;

    private CatalogPreload() { }

    /** Starts reading the bundled catalog on a daemon thread; a second call while one is pending does nothing. */
    public static void start() {
        start(() -> { });
    }

    /**
     * As {@link #start()}, and once the catalog is read the same thread runs {@code then}: further
     * warm-up that does not depend on configuration (the daemon loads the device table there). A
     * failure in {@code then} is left for the code that needs the same work to meet and report.
     */
    public static void start(Runnable then) {
        startWith(() -> {
            CatalogLoader loader = new CatalogLoader();
            return new Result(loader, loader.readBundled());
        }, then);
    }

    /** As {@link #start(Runnable)} with {@code read} in place of reading the bundled catalog (tests). */
    static synchronized void startWith(Supplier<Result> read, Runnable then) {
        if (pending != null) {
            return;
        }
        CompletableFuture<Result> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(read.get());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
            try {
                then.run();
            } catch (RuntimeException | LinkageError e) {
                // warm-up only: whoever needs the same work does it again, or meets and reports the failure
            }
        }, "fitd-catalog-preload");
        t.setDaemon(true);
        pending = f;
        t.start();
    }

    /**
     * The preloaded result, waiting for it if it is still being read; null when no preload was started.
     * Taken once: a second call returns null.
     *
     * @throws CatalogException (or any other exception) exactly as the read threw it
     */
    public static Result take() {
        CompletableFuture<Result> f;
        synchronized (CatalogPreload.class) {
            f = pending;
            pending = null;
        }
        if (f == null) {
            return null;
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
