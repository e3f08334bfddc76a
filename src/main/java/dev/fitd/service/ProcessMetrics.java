package dev.fitd.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.micrometer.runtime.binder.JVMInfoBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM and process series ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*},
 * {@code jvm_classes_*}, {@code jvm_info}, {@code process_*}, {@code system_cpu_*}): the same binders the
 * Micrometer extension registers with {@code quarkus.micrometer.binder.jvm} and {@code .system}, which
 * fitd turns off so that they are bound by the metrics job's first run, right after start-up, instead
 * of on the path to ready (~50 ms of a 2-core box's start: the GC binder subscribes to JMX
 * notifications). Until then a scrape has fitd's and the HTTP series without them.
 */
final class ProcessMetrics implements AutoCloseable {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private boolean bound;

    /** Binds every binder once; later calls do nothing (a failed first attempt is not repeated). */
    synchronized void bindOnce(MeterRegistry registry) {
        if (bound) {
            return;
        }
        bound = true;
        JvmGcMetrics gc = new JvmGcMetrics();
        JvmHeapPressureMetrics pressure = new JvmHeapPressureMetrics();
        closeables.add(gc);
        closeables.add(pressure);
        for (MeterBinder b : List.of(new ClassLoaderMetrics(), pressure, new JvmMemoryMetrics(), new JvmThreadMetrics(),
                new JVMInfoBinder(), gc, new UptimeMetrics(), new ProcessorMetrics(), new FileDescriptorMetrics())) {
            b.bindTo(registry);
        }
    }

    /** Stops the GC and heap-pressure binders' notification listeners. */
    @Override
    public synchronized void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // shutting down: nothing to report to
            }
        }
        closeables.clear();
    }
}
