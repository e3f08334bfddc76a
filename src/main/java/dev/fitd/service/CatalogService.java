package dev.fitd.service;

import dev.fitd.catalog.CatalogLoader;
import dev.fitd.catalog.CatalogState;
import dev.fitd.catalog.LiveCatalog;
import dev.fitd.catalog.ModelType;
import dev.fitd.config.CatalogConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Holds the catalog in use ({@link #current()}) and reloads it from the overlay directories of
 * {@code fitd.catalog.overlay-dirs} every {@code fitd.catalog.reload-interval}, off the request path.
 * The rules (what stops start-up, what is left out, what keeps the last good catalog) are
 * {@link LiveCatalog}'s; this bean wires them to configuration, the scheduler and the log.
 *
 * <p>Everything that uses the catalog per request or per job reads {@link #current()} (directly, or
 * through {@link RuntimeService.Current#catalog()}, which pairs it with the inventory joined onto it),
 * and keys what it computes from it by {@link CatalogState#version()}: a reload invalidates graded rows
 * and cached answers exactly as a new hardware snapshot does.
 *
 * <p>Each distinct problem is logged once, when it first appears, not at every check; it stays visible
 * as a warning in {@code /api/v1/system}, {@code /q/health/ready} and {@code fitd_catalog_reload_errors}
 * until a check finds it fixed.
 */
@Startup
@ApplicationScoped
public class CatalogService {
    private static final Logger LOG = Logger.getLogger(CatalogService.class);

    @Inject
    CatalogConfig config;

    private final List<Consumer<CatalogState>> anyChange = new CopyOnWriteArrayList<>();
    private LiveCatalog live;
    private Optional<Duration> interval = Optional.empty();

    /** For CDI. */
    CatalogService() { }

    /** Loads at once from {@code config} (tests; the container calls {@link #start()} itself). */
    CatalogService(CatalogConfig config) {
        this.config = config;
        start();
    }

    /**
     * Loads the catalog, on the path to ready. A malformed overlay, a missing overlay directory or a bad
     * {@code fitd.catalog.reload-interval} fails start-up with one message naming it.
     */
    @PostConstruct
    void start() {
        interval = CatalogConfig.reloadInterval(config);
        List<Path> dirs = CatalogConfig.overlayDirectories(config);
        long started = System.nanoTime();
        CatalogPreload.Result preloaded = CatalogPreload.take();   // read while the daemon started, if main began it
        live = preloaded != null
                ? new LiveCatalog(preloaded.loader(), preloaded.bundled(), dirs, Clock.systemUTC())
                : new LiveCatalog(new CatalogLoader(), dirs, Clock.systemUTC());
        long millis = (System.nanoTime() - started) / 1_000_000;
        CatalogState state = live.current();
        long embedding = state.catalog().models().stream().filter(m -> m.type() == ModelType.EMBEDDING).count();
        LOG.infof("catalog loaded in %d ms%s: %d models (%d llm, %d embedding), overlay directories %s, %s", millis,
                preloaded != null ? " (bundled files read beside Quarkus's own start; this is the wait for them)" : "",
                state.catalog().size(), state.catalog().size() - embedding, embedding, dirs,
                interval.map(i -> "checked for changes every " + i.toMillis() + " ms").orElse("reloading off"));
        state.warnings().forEach(w -> LOG.warn(w));
    }

    /** The catalog in use, its version and its warnings. Never blocks. */
    public CatalogState current() {
        return live.current();
    }

    /** How often the overlays are checked; empty when reloading is off. */
    public Optional<Duration> reloadInterval() {
        return interval;
    }

    /** Calls {@code listener} with every new catalog version, on the reloading thread, once it is in use. */
    public void onChange(Consumer<CatalogState> listener) {
        live.onChange(listener);
    }

    /**
     * Calls {@code listener} after every check that changed the catalog state in use: a new version, or the
     * same catalog with other warnings (a reload that failed, or overlays usable again). On the checking thread.
     */
    public void onAnyChange(Consumer<CatalogState> listener) {
        anyChange.add(listener);
    }

    /**
     * The background check: a stat pass over the overlays, a reload when they changed. Logs a new
     * problem once and a recovery once; never throws (the scheduler would only log it every time).
     * Public so a test can run a check at a moment of its choosing instead of waiting for the job.
     */
    @Scheduled(identity = "fitd-catalog-reload", every = "${" + CatalogConfig.RELOAD_INTERVAL_KEY + ":10s}",
            skipExecutionIf = ReloadOff.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void check() {
        CatalogState before = live.current();
        LiveCatalog.Outcome outcome;
        try {
            outcome = live.check();
        } catch (RuntimeException e) {
            LOG.warnf("catalog reload: a listener failed after version %d was put in use: %s", live.current().version(), e);
            return;
        }
        CatalogState after = live.current();
        switch (outcome) {
            case RELOADED -> LOG.infof("catalog reloaded: %d models, version %d (was %d models, version %d)",
                    after.catalog().size(), after.version(), before.catalog().size(), before.version());
            case SAME_MODELS -> {
                if (!before.warnings().isEmpty()) {
                    LOG.infof("catalog overlays usable again; the models are unchanged (version %d)", after.version());
                }
            }
            case FAILED -> after.warnings().forEach(w -> LOG.warn(w));
            case STILL_FAILING, UNCHANGED -> { }
        }
        if (after != before) {
            for (Consumer<CatalogState> listener : anyChange) {
                try {
                    listener.accept(after);
                } catch (RuntimeException e) {
                    LOG.warnf("catalog reload: a listener failed after version %d was put in use: %s", after.version(), e);
                }
            }
        }
    }

    /** Skips the check when reloading is off by a zero interval (the scheduler itself turns {@code off} off). */
    @Singleton
    public static class ReloadOff implements Scheduled.SkipPredicate {
        @Inject
        CatalogService catalogs;

        @Override
        public boolean test(ScheduledExecution execution) {
            return catalogs.reloadInterval().isEmpty();
        }
    }
}
