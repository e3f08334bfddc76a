package dev.fitd.inventory;

import dev.fitd.inventory.files.GgufScanner;
import dev.fitd.inventory.jan.JanClient;
import dev.fitd.inventory.lmstudio.LmStudioClient;
import dev.fitd.inventory.ollama.OllamaClient;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeClient;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeSettings;
import dev.fitd.inventory.source.RuntimeState;
import dev.fitd.inventory.source.RuntimeStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Polls every enabled runtime in the background and publishes the latest {@link RuntimeInventory}.
 * {@link #latest()} is a volatile read: it never blocks and never waits for a runtime, so a hung
 * runtime cannot slow a request. Each runtime is polled on its own thread at its own interval, so a
 * slow one does not delay the others.
 *
 * <p>When a poll fails, that runtime's loaded instances are dropped (a server that does not answer
 * serves nothing) but the installed list of its last successful poll is kept and its status says
 * {@code stale}: the files are still on disk, and a transient timeout must not flip rows from
 * installed to not installed. Once the last success is older than the stale-installed TTL
 * ({@code fitd.runtimes.stale-installed-ttl}) the kept list is dropped: a runtime gone for good stops
 * counting its models as installed. Plain class: the service constructs, starts and stops it.
 */
public final class RuntimeRegistry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RuntimeRegistry.class);

    /** One polled source and how often to poll it. */
    public record Source(RuntimeClient client, Duration interval) {
        public Source {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /** Latest poll and last good listing of one source. */
    private record State(RuntimePoll poll, RuntimeListing lastGood, Instant checked, Instant succeeded) { }

    private final List<Source> sources;
    private final List<RuntimeStatus> disabled;
    private final Clock clock;
    private final Duration staleInstalledTtl;
    private final Map<RuntimeKind, State> states = new EnumMap<>(RuntimeKind.class);
    private final List<Consumer<RuntimeInventory>> listeners = new CopyOnWriteArrayList<>();
    private volatile RuntimeInventory latest;
    private ScheduledExecutorService executor;

    /**
     * @param sources enabled sources (at most one per {@link RuntimeKind})
     * @param disabled statuses to show for runtimes switched off in configuration
     */
    public RuntimeRegistry(List<Source> sources, List<RuntimeStatus> disabled, Clock clock) {
        this(sources, disabled, clock, RuntimeSettings.DEFAULT_STALE_INSTALLED_TTL);
    }

    /** @param staleInstalledTtl how long a failing runtime keeps its last good installed list */
    public RuntimeRegistry(List<Source> sources, List<RuntimeStatus> disabled, Clock clock, Duration staleInstalledTtl) {
        this.staleInstalledTtl = Objects.requireNonNull(staleInstalledTtl, "staleInstalledTtl");
        this.sources = List.copyOf(sources);
        this.disabled = List.copyOf(disabled);
        this.clock = clock;
        this.latest = assemble();
    }

    /** Builds clients for the enabled runtimes, with default GGUF folders under {@code user.home}. */
    public static RuntimeRegistry create(RuntimeSettings settings) {
        return create(settings, Path.of(System.getProperty("user.home", ".")), Clock.systemUTC());
    }

    /** Builds clients for the enabled runtimes of {@code settings}; {@code home} locates default GGUF folders. */
    public static RuntimeRegistry create(RuntimeSettings settings, Path home, Clock clock) {
        List<Source> sources = new ArrayList<>();
        List<RuntimeStatus> off = new ArrayList<>();
        addHttp(sources, off, RuntimeKind.LMSTUDIO, settings.lmStudio(), new LmStudioClient(settings.lmStudio()));
        addHttp(sources, off, RuntimeKind.OLLAMA, settings.ollama(), new OllamaClient(settings.ollama()));
        addHttp(sources, off, RuntimeKind.JAN, settings.jan(), new JanClient(settings.jan()));
        GgufScanner scanner = new GgufScanner(settings.gguf(), home);
        if (settings.gguf().enabled()) {
            sources.add(new Source(scanner, settings.gguf().scanInterval()));
        } else {
            off.add(RuntimeStatus.disabled(RuntimeKind.GGUF, scanner.location()));
        }
        return new RuntimeRegistry(sources, off, clock, settings.staleInstalledTtl());
    }

    private static void addHttp(List<Source> sources, List<RuntimeStatus> off, RuntimeKind kind,
                                RuntimeSettings.Endpoint e, RuntimeClient client) {
        if (e.enabled()) {
            sources.add(new Source(client, e.pollInterval()));
        } else {
            off.add(RuntimeStatus.disabled(kind, e.baseUrl().toString()));
        }
    }

    /** Starts background polling: every source now, then at its interval. Idempotent. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(Math.max(1, sources.size()), r -> {
            Thread t = new Thread(r, "fitd-runtime-poll");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ex.setRemoveOnCancelPolicy(true);
        for (Source s : sources) {
            ex.scheduleWithFixedDelay(() -> pollSafely(s), 0, s.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        executor = ex;
    }

    /** Stops polling; a poll in progress is interrupted. Idempotent. */
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public void close() { stop(); }

    /** The latest inventory. Never blocks. */
    public RuntimeInventory latest() { return latest; }

    /** Calls {@code listener} after each new inventory is published, on the polling thread. */
    public void onChange(Consumer<RuntimeInventory> listener) {
        listeners.add(listener);
    }

    /** Polls every source now on the calling thread, one after another, and returns the result. */
    public RuntimeInventory refreshNow() {
        for (Source s : sources) {
            pollSafely(s);
        }
        return latest;
    }

    private void pollSafely(Source s) {
        RuntimePoll poll;
        try {
            poll = s.client().poll();
        } catch (RuntimeException | Error e) {
            // a client bug must not stop the schedule (a thrown exception cancels a periodic task)
            LOG.warnf(e, "polling %s failed", s.client().kind().displayName());
            poll = RuntimePoll.failed(RuntimeState.BAD_RESPONSE, null, "internal error: " + e, 0);
        }
        record(s.client().kind(), poll);
    }

    private void record(RuntimeKind kind, RuntimePoll poll) {
        RuntimeInventory inv;
        synchronized (states) {
            Instant now = clock.instant();
            State prev = states.get(kind);
            State next = poll.ok()
                    ? new State(poll, poll.listing(), now, now)
                    : new State(poll, prev == null ? null : prev.lastGood(), now, prev == null ? null : prev.succeeded());
            states.put(kind, next);
            inv = assemble();
            latest = inv;
        }
        for (Consumer<RuntimeInventory> l : listeners) {
            try {
                l.accept(inv);
            } catch (RuntimeException e) {
                LOG.warn("runtime inventory listener failed", e);
            }
        }
    }

    private RuntimeInventory assemble() {
        List<InstalledModel> installed = new ArrayList<>();
        List<LoadedInstance> loaded = new ArrayList<>();
        Map<RuntimeKind, RuntimeStatus> statuses = new EnumMap<>(RuntimeKind.class);
        for (RuntimeStatus d : disabled) {
            statuses.put(d.runtime(), d);
        }
        for (Source s : sources) {
            RuntimeKind kind = s.client().kind();
            State st = states.get(kind);
            if (st == null) {
                statuses.put(kind, RuntimeStatus.pending(kind, s.client().location()));
                continue;
            }
            RuntimePoll p = st.poll();
            boolean stale = !p.ok() && st.lastGood() != null;
            boolean expired = stale && st.succeeded() != null
                    && Duration.between(st.succeeded(), clock.instant()).compareTo(staleInstalledTtl) > 0;
            List<InstalledModel> inst = p.ok() ? p.listing().installed()
                    : st.lastGood() == null || expired ? List.of() : st.lastGood().installed();
            List<String> warnings = p.warnings();
            if (expired) {
                warnings = new ArrayList<>(warnings);
                warnings.add("no successful poll for longer than fitd.runtimes.stale-installed-ttl ("
                        + staleInstalledTtl + "): its models no longer count as installed");
            }
            List<LoadedInstance> load = p.ok() ? p.listing().loaded() : List.of();
            installed.addAll(inst);
            loaded.addAll(load);
            statuses.put(kind, new RuntimeStatus(kind, s.client().location(), true, p.ok(), p.state(), p.version(),
                    p.api(), inst.size(), load.size(), p.error(), st.checked(), st.succeeded(), p.latencyMs(), stale,
                    warnings));
        }
        return new RuntimeInventory(installed, loaded, new ArrayList<>(statuses.values()), clock.instant());
    }
}
