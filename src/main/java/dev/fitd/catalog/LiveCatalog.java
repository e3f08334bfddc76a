package dev.fitd.catalog;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The catalog in use, following the overlay directories while the daemon runs.
 *
 * <p><b>At start</b> the bundled files and every overlay directory are read. Malformed content, a
 * clash of keys or aliases, or a missing overlay directory throws the {@link CatalogException} of the
 * loader, as it always did: the daemon does not start on a catalog that is wrong. A file (or directory
 * listing) whose <em>read</em> fails ({@link CatalogReadException}) is left out instead, reported in
 * {@link CatalogState#warnings()}, and read again at every {@link #check()}.
 *
 * <p><b>While running</b> {@link #check()} (called by a background job) takes an
 * {@link OverlayFingerprint}: a stat pass, nothing parsed. When it equals the last one, and no read
 * failure is waiting to be retried (a file can become readable without its size or time changing),
 * nothing happens. Otherwise the overlays are read and merged with the bundled files, which are read
 * once at start (they are on the class path and do not change). A reload that finds any problem —
 * a file that cannot be read, malformed content, a clash, a directory that went away — changes
 * nothing: the last good catalog stays in use and the problem becomes a warning naming the file.
 * A reload whose models equal the current ones keeps the version (nothing to regrade); any other
 * success publishes the next version and tells the {@linkplain #onChange listeners}.
 *
 * <p>Thread-safe: {@link #current()} is one volatile read and never waits; checks are serialized.
 */
public final class LiveCatalog {

    /** What one {@link #check()} did. */
    public enum Outcome {
        /** The stat pass saw no change and no read failure waits for a retry: nothing was read. */
        UNCHANGED,
        /** The overlays were read again and gave a different catalog: a new version is in use. */
        RELOADED,
        /** The overlays were read again and gave the same models: same version, warnings cleared. */
        SAME_MODELS,
        /** The reload failed with a problem not reported by the previous check: the last good catalog stays. */
        FAILED,
        /** The reload failed again with exactly the previous problems (worth no new log line). */
        STILL_FAILING
    }

    private final CatalogLoader loader;
    private final List<Path> overlayDirs;
    private final Clock clock;
    private final List<CatalogFile> bundled;
    private final List<Consumer<CatalogState>> listeners = new CopyOnWriteArrayList<>();
    private volatile CatalogState current;

    // guarded by this
    private OverlayFingerprint seen;
    /** The raw messages of the problems reported now (empty when none). */
    private List<String> problems;
    /** Whether the problems include a read failure, which is retried even when no stat changed. */
    private boolean retryReads;

    /**
     * Loads the catalog as at start (see the class comment).
     *
     * @throws CatalogException when a bundled file cannot be used, an overlay file is malformed, names
     *                          clash, or an overlay directory does not exist
     */
    public LiveCatalog(CatalogLoader loader, List<Path> overlayDirs, Clock clock) {
        this(loader, loader.readBundled(), overlayDirs, clock);
    }

    /** As {@link #LiveCatalog(CatalogLoader, List, Clock)}, with the bundled files already read by {@code loader}. */
    public LiveCatalog(CatalogLoader loader, List<CatalogFile> bundled, List<Path> overlayDirs, Clock clock) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.overlayDirs = List.copyOf(overlayDirs);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bundled = List.copyOf(bundled);
        this.seen = OverlayFingerprint.take(this.overlayDirs);
        CatalogLoader.Overlays overlays = loader.readOverlays(this.overlayDirs);
        Catalog catalog = CatalogLoader.merge(bundled, overlays.sources());
        this.problems = messages(overlays.unreadable());
        this.retryReads = !problems.isEmpty();
        this.current = new CatalogState(1, catalog, clock.instant(),
                problems.stream().map(p -> p + " (left out of the catalog until it can be read)").toList());
    }

    /** The catalog in use. Never blocks. */
    public CatalogState current() {
        return current;
    }

    /** The overlay directories, as absolute paths, in the order they apply. */
    public List<Path> overlayDirs() {
        return overlayDirs;
    }

    /**
     * Calls {@code listener} with every new version, on the thread that loaded it, after it is in use.
     * A listener that throws does not stop the others; {@link #check()} throws the first such exception
     * after all have run (the new version is in use either way).
     */
    public void onChange(Consumer<CatalogState> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Looks at the overlay directories and reloads when they changed (see the class comment). Problems
     * with the overlays never throw: they become warnings. Only a listener's exception is passed on.
     */
    public synchronized Outcome check() {
        OverlayFingerprint now = OverlayFingerprint.take(overlayDirs);
        boolean changed = !now.equals(seen);
        if (!changed && !retryReads) {
            return Outcome.UNCHANGED;
        }
        seen = now;
        Catalog next;
        try {
            CatalogLoader.Overlays overlays = loader.readOverlays(overlayDirs);
            if (!overlays.unreadable().isEmpty()) {
                return fail(messages(overlays.unreadable()), true, changed);
            }
            next = CatalogLoader.merge(bundled, overlays.sources());
        } catch (CatalogException e) {
            return fail(List.of(e.getMessage()), e instanceof CatalogReadException, changed);
        } catch (RuntimeException e) {
            // not a catalog problem fitd knows (a bug, an unexpected I/O exception): the same rule, retried
            return fail(List.of("catalog overlays could not be reloaded: " + e), true, changed);
        }
        problems = List.of();
        retryReads = false;
        CatalogState last = current;
        if (next.models().equals(last.catalog().models())) {
            current = new CatalogState(last.version(), last.catalog(), last.loadedAt(), List.of());
            return Outcome.SAME_MODELS;
        }
        CatalogState state = new CatalogState(last.version() + 1, next, clock.instant(), List.of());
        current = state;
        RuntimeException failed = null;
        for (Consumer<CatalogState> listener : listeners) {
            try {
                listener.accept(state);
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return Outcome.RELOADED;
    }

    /**
     * Keeps the catalog in use and reports {@code messages}. The warnings are rewritten when the problems
     * differ or the overlays changed again (a change is now waiting too); a retry that meets the same
     * problems changes nothing.
     */
    private Outcome fail(List<String> messages, boolean retry, boolean changed) {
        boolean repeat = messages.equals(problems);
        problems = messages;
        retryReads = retry;
        if (!repeat || changed) {
            CatalogState last = current;
            String effect = " (overlay changes not applied; still serving catalog version " + last.version() + ")";
            current = new CatalogState(last.version(), last.catalog(), last.loadedAt(),
                    messages.stream().map(m -> m + effect).toList());
        }
        return repeat ? Outcome.STILL_FAILING : Outcome.FAILED;
    }

    private static List<String> messages(List<? extends CatalogException> problems) {
        return problems.stream().map(Throwable::getMessage).toList();
    }
}
