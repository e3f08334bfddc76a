package dev.fitd.service;

import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.query.Endpoint;
import dev.fitd.query.ModelQuery;
import dev.fitd.query.QueryParser;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * fitd's own Prometheus gauges on {@code /q/metrics} (request counts and latencies come with the
 * Micrometer extension as {@code http_server_requests_seconds}):
 * <ul>
 * <li>{@code fitd_snapshot_age_seconds}, {@code fitd_snapshot_version}: how fresh the hardware picture is;
 *     an age far above {@code fitd.hardware.refresh-interval} means refreshes are failing;</li>
 * <li>{@code fitd_probe_warnings{source}}: warnings in the current snapshot, by the source that raised
 *     them ({@link #warningSource});</li>
 * <li>{@code fitd_gpu_memory_total_bytes}, {@code fitd_gpu_memory_free_bytes} {@code {gpu, name}}: per GPU;
 *     a GPU whose free memory is unknown has no free series (unknown is not zero);</li>
 * <li>{@code fitd_models{fit_level}}: catalog models per fit level for the default {@code /api/v1/models}
 *     query;</li>
 * <li>{@code fitd_catalog_models}, {@code fitd_catalog_version}: the catalog in use (the version increases
 *     with every reload that changed it); {@code fitd_catalog_reload_errors}: its current problems (overlay
 *     files that cannot be read, or the malformed file that stopped the last reload), 0 when the catalog
 *     in use is what the overlay directories say;</li>
 * <li>{@code fitd_runtime_up{runtime}}, {@code fitd_runtime_enabled{runtime}}: local runtimes (LM Studio,
 *     Ollama, Jan, GGUF files) as their last poll found them.</li>
 * </ul>
 * Everything is read from the one {@link FitdState} ({@link StateHolder}). Per-snapshot series are recomputed
 * by a background job when the state's versions change, never on a scrape, so a scrape costs no grading and
 * a request never waits for metrics. The catalog and runtime series read the holder at scrape time (a field read).
 */
@Startup
@ApplicationScoped
public class FitdMetrics {
    private static final Logger LOG = Logger.getLogger(FitdMetrics.class);

    /**
     * Sources a warning may be attributed to, matched as the start of the warning text. A fixed list keeps
     * the label's cardinality bounded whatever a tool prints; anything else counts as {@code other}.
     */
    static final List<String> WARNING_SOURCES = List.of("nvidia-smi", "rocm-smi", "nvml", "sysfs", "drm",
            "system_profiler", "sysctl", "oshi", "cgroup", "/proc", "proc", "profile", "gpu", "cpu", "ram",
            "system ram", "catalog", "runtime", "lm studio", "ollama", "jan", "gguf");

    @Inject
    MeterRegistry registry;
    @Inject
    StateHolder states;
    @Inject
    ModelService models;
    @Inject
    QueryParser parser;

    private MultiGauge warnings;
    private MultiGauge gpuTotal;
    private MultiGauge gpuFree;
    private final ProcessMetrics process = new ProcessMetrics();
    private volatile Map<FitLevel, Long> levels = Map.of();
    private volatile FitdState.Versions seenVersions;

    @PostConstruct
    void register() {
        Gauge.builder("fitd.snapshot.age", states, FitdMetrics::ageSeconds).baseUnit("seconds")
                .description("Seconds since the current hardware snapshot was taken").register(registry);
        Gauge.builder("fitd.snapshot.version", states, h -> h.current() == null ? Double.NaN : h.current().hardware().version())
                .description("Version of the current hardware snapshot (increases with every refresh)")
                .register(registry);
        Gauge.builder("fitd.catalog.models", states, h -> h.current() == null ? Double.NaN : h.current().catalog().catalog().size())
                .description("Models in the catalog in use").register(registry);
        Gauge.builder("fitd.catalog.version", states, h -> h.current() == null ? Double.NaN : h.current().catalog().version())
                .description("Version of the catalog in use (1 at start, increases with every reload that changed it)")
                .register(registry);
        Gauge.builder("fitd.catalog.reload.errors", states,
                        h -> h.current() == null ? Double.NaN : h.current().catalog().warnings().size())
                .description("Current catalog problems: overlay files that cannot be read or the malformed file that "
                        + "stopped the last reload; the last good catalog is served meanwhile")
                .register(registry);
        warnings = MultiGauge.builder("fitd.probe.warnings")
                .description("Warnings in the current hardware snapshot, by source").register(registry);
        gpuTotal = MultiGauge.builder("fitd.gpu.memory.total").baseUnit("bytes")
                .description("GPU memory per device").register(registry);
        gpuFree = MultiGauge.builder("fitd.gpu.memory.free").baseUnit("bytes")
                .description("Free GPU memory per device, absent when the source cannot tell").register(registry);
        for (RuntimeKind kind : RuntimeKind.values()) {
            Gauge.builder("fitd.runtime.up", states, r -> status(r, kind).map(st -> st.reachable() ? 1 : 0).orElse(0))
                    .tag("runtime", kind.wire())
                    .description("1 when the last poll of the local runtime returned a usable model list")
                    .register(registry);
            Gauge.builder("fitd.runtime.enabled", states, r -> status(r, kind).map(st -> st.enabled() ? 1 : 0).orElse(0))
                    .tag("runtime", kind.wire()).description("1 when the local runtime is polled at all")
                    .register(registry);
        }
    }

    @PreDestroy
    void close() {
        process.close();
    }

    private static java.util.Optional<RuntimeStatus> status(StateHolder h, RuntimeKind kind) {
        FitdState state = h.current();
        return state == null ? java.util.Optional.empty() : state.inventory().source().status(kind);
    }

    /**
     * Recompute the per-snapshot series when the snapshot or the inventory changed. Never throws. Runs on
     * the scheduler, first right after start-up: grading the catalog for {@code fitd_models} is not on the
     * path to ready, and those series appear only once counted (unknown is not zero). The first run also
     * binds the JVM and process series ({@link ProcessMetrics}).
     */
    @Scheduled(every = "${fitd.metrics.update-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void update() {
        try {
            process.bindOnce(registry);
        } catch (RuntimeException e) {
            LOG.warnf("JVM and process metrics could not be registered: %s", e.toString());
        }
        FitdState state = states.current();
        if (state == null || state.versions().equals(seenVersions)) {
            return;
        }
        HardwareSnapshot s = state.hardware();
        try {
            warnings.register(warningRows(s.warnings()), true);
            List<MultiGauge.Row<?>> total = new ArrayList<>();
            List<MultiGauge.Row<?>> free = new ArrayList<>();
            for (int i = 0; i < s.gpus().size(); i++) {
                Gpu g = s.gpus().get(i);
                Tags tags = Tags.of("gpu", String.valueOf(g.index() != null ? g.index() : i),
                        "name", g.name() == null ? "unknown" : g.name());
                if (g.vramTotalBytes() != null) {
                    total.add(MultiGauge.Row.of(tags, g.vramTotalBytes()));
                }
                if (g.vramFreeBytes() != null) {
                    free.add(MultiGauge.Row.of(tags, g.vramFreeBytes()));
                }
            }
            gpuTotal.register(total, true);
            gpuFree.register(free, true);
            countLevels(state);
            seenVersions = state.versions();
        } catch (RuntimeException e) {
            LOG.warnf("metrics update failed, keeping the previous values: %s", e.toString());
        }
    }

    private void countLevels(FitdState state) {
        ModelQuery all = parser.parse(Endpoint.MODELS, null, Map.of());
        Map<FitLevel, Long> counts = new EnumMap<>(FitLevel.class);
        for (FitLevel level : FitLevel.values()) {
            counts.put(level, 0L);
        }
        for (FitResult r : models.answer(all, state).selection().rows()) {
            counts.merge(r.level(), 1L, Long::sum);
        }
        boolean first = levels.isEmpty();
        levels = Map.copyOf(counts);
        if (first) {
            for (FitLevel level : FitLevel.values()) {
                Gauge.builder("fitd.models", this, m -> m.levels.getOrDefault(level, 0L)).tag("fit_level", level.wire())
                        .description("Catalog models per fit level for the default /api/v1/models query")
                        .register(registry);
            }
        }
    }

    static List<MultiGauge.Row<?>> warningRows(List<String> warnings) {
        Map<String, Long> bySource = new TreeMap<>();
        for (String w : warnings) {
            bySource.merge(warningSource(w), 1L, Long::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        bySource.forEach((source, n) -> rows.add(MultiGauge.Row.of(Tags.of("source", source), n)));
        return rows;
    }

    /** The known source a warning starts with (longest match, case-insensitive), else {@code other}. */
    static String warningSource(String warning) {
        String w = warning == null ? "" : warning.strip().toLowerCase(Locale.ROOT);
        String best = "other";
        for (String source : WARNING_SOURCES) {
            if (w.startsWith(source) && (w.length() == source.length() || !Character.isLetterOrDigit(w.charAt(source.length())))
                    && (best.equals("other") || source.length() > best.length())) {
                best = source;
            }
        }
        return best.replace(' ', '_').replace("/", "");
    }

    private static double ageSeconds(StateHolder h) {
        FitdState state = h.current();
        return state == null ? Double.NaN : Duration.between(state.hardware().takenAt(), Instant.now()).toMillis() / 1000.0;
    }
}
