package dev.fitd.service;

import dev.fitd.hardware.HardwareProbe;
import dev.fitd.hardware.HardwareSnapshot;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the current {@link HardwareSnapshot}. The first probe runs at start-up; afterwards a
 * background job re-probes every {@code fitd.hardware.refresh-interval} and swaps the snapshot in
 * atomically, then tells {@link StateHolder}. Requests read the snapshot through the holder's {@link FitdState}: they never wait for a probe. A probe that throws
 * keeps the last good snapshot (the probe itself turns failed sources into warnings).
 */
@Startup
@ApplicationScoped
public class SnapshotService {
    private static final Logger LOG = Logger.getLogger(SnapshotService.class);

    private final AtomicReference<HardwareSnapshot> current = new AtomicReference<>();
    private final AtomicLong versions = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Inject
    HardwareProbe probe;

    @PostConstruct
    void start() {
        refresh();
    }

    /** The latest snapshot. */
    public HardwareSnapshot current() {
        return current.get();
    }

    /** Calls {@code listener} after every new snapshot is in use, on the probing thread ({@link StateHolder}). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Scheduled(every = "${fitd.hardware.refresh-interval:10s}", delayed = "${fitd.hardware.refresh-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            HardwareSnapshot next = probe.probe(current.get(), versions.incrementAndGet());
            if (next != null) {
                current.set(next);
                listeners.forEach(Runnable::run);
            }
        } catch (RuntimeException e) {
            LOG.warnf("hardware refresh failed, keeping the last snapshot: %s", e.toString());
            if (current.get() == null) {
                throw e;
            }
        }
    }
}
