package dev.fitd.hardware.probe;

import dev.fitd.hardware.CgroupLimits;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.HardwareProbe;
import dev.fitd.hardware.HostSource;
import dev.fitd.hardware.JdkHost;
import dev.fitd.hardware.MachineOverrides;
import dev.fitd.hardware.ProcHost;
import dev.fitd.hardware.SystemFiles;
import dev.fitd.hardware.gpu.AppleSilicon;
import dev.fitd.hardware.gpu.DrmSysfs;
import dev.fitd.hardware.gpu.NvidiaSmi;
import dev.fitd.hardware.gpu.RocmSmi;
import dev.fitd.hardware.oshi.OshiGraphicsCards;
import dev.fitd.hardware.oshi.OshiHost;
import dev.fitd.hardware.profile.ProfileHardwareProbe;
import dev.fitd.process.CommandRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the real probe for this machine: the one platform switch. */
public final class HardwareProbes {

    private HardwareProbes() { }

    /**
     * The probe of this machine, with real sources. Cheap to build; OSHI initialises lazily on first use.
     *
     * @param settings command timeout, tool paths, node name
     */
    public static HardwareProbe system(ProbeSettings settings) {
        return new SystemHardwareProbe(sources(settings, System.getenv(), SystemFiles.host()), Clock.systemUTC());
    }

    /**
     * The probe the daemon should use: the profile file when one is configured, else this machine; then the
     * configured overrides on top (none → no wrapper).
     *
     * @param profile {@code fitd.hardware.profile}
     * @param overrides {@code fitd.hardware.*} overrides, {@link MachineOverrides#NONE} when none are set
     */
    public static HardwareProbe configured(ProbeSettings settings, Optional<Path> profile, MachineOverrides overrides) {
        HardwareProbe base;
        if (profile.isPresent()) {
            String node = settings.nodeName().orElseGet(() -> hostName(SystemFiles.host(), System.getenv()));
            String os = System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "")
                    + " (hardware from profile " + profile.get() + ")";
            base = new ProfileHardwareProbe(profile.get(), node, os, Clock.systemUTC());
        } else {
            base = system(settings);
        }
        return overrides.isEmpty() ? base : new OverridingProbe(base, overrides);
    }

    /** The sources {@link #system} uses, for a given environment and file system. */
    public static ProbeSources sources(ProbeSettings settings, Map<String, String> env, SystemFiles files) {
        String osName = System.getProperty("os.name", "unknown");
        String lower = osName.toLowerCase(Locale.ROOT);
        boolean linux = lower.contains("linux");
        boolean mac = lower.contains("mac") || lower.contains("darwin");
        CommandRunner runner = CommandRunner.system(settings.commandTimeout());

        List<HostSource> hosts = new ArrayList<>();
        if (linux) {
            hosts.add(new ProcHost(files, ProcHost.architecture(System.getProperty("os.arch"))));
        }
        hosts.add(new LazyOshiHost(linux));
        hosts.add(new JdkHost());

        List<GpuSource> gpus = new ArrayList<>();
        gpus.add(new NvidiaSmi(runner, settings.nvidiaSmi()));
        gpus.add(new RocmSmi(runner, settings.rocmSmi()));
        if (linux) {
            gpus.add(new DrmSysfs(files));
        }
        if (mac) {
            gpus.add(new AppleSilicon(runner));
        }
        GpuSource lastResort = new LazyOshiGraphics(linux, settings.commandTimeout());

        String node = settings.nodeName().orElseGet(() -> hostName(files, env));
        String os = osName + " " + System.getProperty("os.version", "") + " (" + System.getProperty("os.arch", "") + ")";
        Supplier<CgroupLimits> cgroups = settings.applyContainerLimits() ? () -> CgroupLimits.read(files) : HardwareProbes::noLimits;
        return new ProbeSources(hosts, cgroups, gpus, lastResort, env, node, os.strip());
    }

    /** The kernel's host name (no DNS lookup: a slow resolver must not delay start-up). */
    static String hostName(SystemFiles files, Map<String, String> env) {
        Optional<String> kernel = files.lines("/proc/sys/kernel/hostname")
                .flatMap(l -> l.stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst());
        if (kernel.isPresent()) {
            return kernel.get();
        }
        for (String key : List.of("HOSTNAME", "COMPUTERNAME")) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    /**
     * OSHI is created on first use, so building the probe stays cheap and a broken JNA only fails this source.
     * On Linux OSHI lists memory modules by running {@code dmidecode} (root only) with no timeout, so it is
     * not asked there.
     */
    private static final class LazyOshiHost implements HostSource {
        private final boolean linux;
        private OshiHost delegate;

        LazyOshiHost(boolean linux) {
            this.linux = linux;
        }

        private synchronized OshiHost get() {
            if (delegate == null) {
                delegate = new OshiHost();
            }
            return delegate;
        }

        @Override
        public String name() {
            return "OSHI";
        }

        @Override
        public Optional<HostCpu> cpu() {
            return wrap(() -> get().cpu());
        }

        @Override
        public Optional<HostMemory> memory() {
            return wrap(() -> get().memory());
        }

        @Override
        public Optional<MemoryModules> memoryModules() {
            return linux ? Optional.empty() : wrap(() -> get().memoryModules());
        }

        private static <T> Optional<T> wrap(java.util.function.Supplier<Optional<T>> call) {
            try {
                return call.get();
            } catch (LinkageError e) {
                throw new IllegalStateException("OSHI unavailable: " + e, e);
            }
        }
    }

    /**
     * OSHI's graphics cards, asked once: on Linux OSHI runs {@code lspci} and {@code lshw} itself, without a
     * timeout, so the query runs on its own daemon thread and is abandoned after the command timeout (a
     * later refresh picks up the same pending query instead of starting another). The card list does not
     * change while the daemon runs, so the first answer is kept.
     */
    private static final class LazyOshiGraphics implements GpuSource {
        private final boolean linux;
        private final java.time.Duration timeout;
        private java.util.concurrent.CompletableFuture<GpuReading> pending;

        LazyOshiGraphics(boolean linux, java.time.Duration timeout) {
            this.linux = linux;
            this.timeout = timeout;
        }

        @Override
        public String name() {
            return "OSHI";
        }

        @Override
        public synchronized GpuReading read() {
            if (pending == null) {
                pending = new java.util.concurrent.CompletableFuture<>();
                java.util.concurrent.CompletableFuture<GpuReading> target = pending;
                Thread worker = new Thread(() -> {
                    try {
                        target.complete(new OshiGraphicsCards(linux).read());
                    } catch (RuntimeException | LinkageError e) {
                        target.complete(new GpuReading.Failed("OSHI unavailable: " + e));
                    }
                }, "fitd-oshi-graphics");
                worker.setDaemon(true);
                worker.start();
            }
            try {
                GpuReading reading = pending.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                if (reading instanceof GpuReading.Failed) {
                    pending = null;
                }
                return reading;
            } catch (java.util.concurrent.TimeoutException e) {
                return new GpuReading.Failed("OSHI graphics query still running after " + timeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new GpuReading.Failed("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                pending = null;
                return new GpuReading.Failed(String.valueOf(e.getCause()));
            }
        }
    }

    /** What the probe sees when container limits are not applied ({@code fitd.hardware.apply-container-limits=false}). */
    static CgroupLimits noLimits() {
        return new CgroupLimits(null, null, null, null, null, List.of());
    }
}
