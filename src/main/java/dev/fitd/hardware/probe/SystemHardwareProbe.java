package dev.fitd.hardware.probe;

import dev.fitd.hardware.CgroupLimits;
import dev.fitd.hardware.Cpu;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuCompletion;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.HardwareProbe;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.HostSource;
import dev.fitd.hardware.Memory;
import dev.fitd.hardware.SystemRamBandwidth;
import dev.fitd.hardware.gpu.VisibleDevices;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The composite probe: asks every source, keeps what each one said in provenance, and turns every failure
 * into a warning instead of an exception.
 *
 * <ul>
 *   <li><b>RAM</b>: total and available from the first host source that answers ({@code /proc/meminfo},
 *       OSHI, the JDK), then bounded by the container: total = min(host, cgroup limit), available =
 *       min(host available, limit − usage).</li>
 *   <li><b>CPU</b>: name and core counts from the first source that knows each; usable cores =
 *       min(logical cores, affinity mask, cgroup CPU quota).</li>
 *   <li><b>GPUs</b>: each {@link GpuSource} in order; table figures filled in by {@link GpuCompletion};
 *       {@code CUDA_VISIBLE_DEVICES}/{@code NVIDIA_VISIBLE_DEVICES} applied ({@link VisibleDevices}).</li>
 *   <li><b>Failures</b>: a host value no source can give now keeps the previous snapshot's value; a GPU
 *       source that fails (timeout, garbage) keeps the previous snapshot's GPUs from that source. Each adds a
 *       warning. Absent tools (no {@code nvidia-smi} on a machine without NVIDIA GPUs) are not warnings.</li>
 * </ul>
 *
 * <p>Provenance keys: {@code memory.total}, {@code memory.available}, {@code memory.container_limit},
 * {@code memory.bandwidth}, {@code cpu.name}, {@code cpu.physical_cores}, {@code cpu.logical_cores},
 * {@code cpu.usable_cores}, {@code gpus}, {@code gpus[i].vram_total}, {@code gpus[i].memory_bandwidth}.
 */
final class SystemHardwareProbe implements HardwareProbe {

    private final ProbeSources sources;
    private final Clock clock;

    public SystemHardwareProbe(ProbeSources sources, Clock clock) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public HardwareSnapshot probe(HardwareSnapshot previous, long version) {
        Map<String, String> provenance = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();

        CgroupLimits limits = cgroups(warnings);
        Memory memory = memory(previous, limits, provenance, warnings);
        Cpu cpu = cpu(previous, limits, provenance, warnings);
        List<Gpu> gpus = gpus(previous, provenance, warnings);

        Gpu unified = gpus.stream().filter(Gpu::unifiedMemory).findFirst().orElse(null);
        SystemRamBandwidth.Estimate bandwidth = SystemRamBandwidth.estimate(cpu.name(), unified, modules(warnings));
        provenance.put("memory.bandwidth", bandwidth.source());
        if (bandwidth.isDefault()) {
            warnings.add("system RAM bandwidth unknown: assuming " + bandwidth.gbps()
                    + " GB/s (dual-channel DDR5-5200); set fitd.hardware.ram-bandwidth-gbps for this machine");
        }
        memory = new Memory(memory.totalBytes(), memory.availableBytes(), memory.containerLimitBytes(), bandwidth.gbps());

        return new HardwareSnapshot(version, clock.instant(), sources.nodeName(), sources.os(), cpu, memory, gpus,
                provenance, warnings);
    }

    private CgroupLimits cgroups(List<String> warnings) {
        try {
            return sources.cgroups().get();
        } catch (RuntimeException e) {
            warnings.add("cgroup limits unreadable (" + message(e) + "): container limits are not applied");
            return new CgroupLimits(null, null, null, null, null, List.of());
        }
    }

    private Memory memory(HardwareSnapshot previous, CgroupLimits limits, Map<String, String> provenance, List<String> warnings) {
        Optional<Answer<HostSource.HostMemory>> host = first(HostSource::memory, "RAM", warnings);
        long total;
        long available;
        if (host.isPresent()) {
            total = host.get().value().totalBytes();
            available = host.get().value().availableBytes();
            provenance.put("memory.total", host.get().source());
            provenance.put("memory.available", host.get().source());
        } else if (previous != null) {
            total = previous.memory().totalBytes();
            available = previous.memory().availableBytes();
            provenance.put("memory.total", "previous snapshot (no source answered)");
            provenance.put("memory.available", "previous snapshot (no source answered)");
            warnings.add("no source could read RAM now: keeping the previous snapshot's figures");
            return new Memory(total, available, previous.memory().containerLimitBytes(), previous.memory().bandwidthGbps());
        } else {
            throw new IllegalStateException("no source could read the RAM size and there is no previous snapshot");
        }
        Long limit = limits.memoryLimitBytes();
        if (limit != null) {
            provenance.put("memory.container_limit", limits.memorySource());
            if (limit < total) {
                total = limit;
                provenance.put("memory.total", limits.memorySource());
            }
        }
        if (limits.memoryHeadroomBytes() != null && limits.memoryHeadroomBytes() < available) {
            available = limits.memoryHeadroomBytes();
            provenance.put("memory.available", limits.memorySource() + " minus usage");
        }
        return new Memory(total, Math.min(available, total), limit, SystemRamBandwidth.DEFAULT_GBPS);
    }

    private Cpu cpu(HardwareSnapshot previous, CgroupLimits limits, Map<String, String> provenance, List<String> warnings) {
        List<Answer<HostSource.HostCpu>> answers = new ArrayList<>();
        for (HostSource host : sources.hosts()) {
            try {
                host.cpu().ifPresent(c -> answers.add(new Answer<>(c, host.name())));
            } catch (RuntimeException e) {
                warnings.add(host.name() + " could not read the CPU: " + message(e));
            }
        }
        String name = field(answers, HostSource.HostCpu::name, "cpu.name", provenance);
        Integer physical = field(answers, HostSource.HostCpu::physicalCores, "cpu.physical_cores", provenance);
        Integer logical = field(answers, HostSource.HostCpu::logicalCores, "cpu.logical_cores", provenance);
        Integer affinity = field(answers, HostSource.HostCpu::affinityCores, "cpu.affinity_cores", provenance);
        String arch = field(answers, HostSource.HostCpu::architecture, "cpu.architecture", provenance);
        Cpu before = previous == null ? null : previous.cpu();
        if (logical == null && affinity != null) {
            logical = affinity;
            provenance.put("cpu.logical_cores", provenance.get("cpu.affinity_cores"));
        }
        if (logical == null) {
            if (before == null) {
                throw new IllegalStateException("no source could count the CPU cores and there is no previous snapshot");
            }
            warnings.add("no source could count CPU cores now: keeping the previous snapshot's figures");
            provenance.put("cpu.usable_cores", "previous snapshot (no source answered)");
            return before;
        }
        if (physical == null) {
            physical = before != null ? before.physicalCores() : logical;
            provenance.put("cpu.physical_cores", before != null ? "previous snapshot" : "assumed equal to logical cores");
        }
        if (name == null) {
            name = before != null ? before.name() : "unknown CPU";
            warnings.add("CPU name unknown" + (before != null ? ": keeping the previous snapshot's" : ""));
        }
        double usable = logical;
        String usableSource = provenance.get("cpu.logical_cores");
        if (affinity != null && affinity < usable) {
            usable = affinity;
            usableSource = "affinity mask (" + provenance.get("cpu.affinity_cores") + ")";
        }
        if (limits.cpuLimitCores() != null && limits.cpuLimitCores() < usable) {
            usable = limits.cpuLimitCores();
            usableSource = limits.cpuSource();
        }
        provenance.put("cpu.usable_cores", usableSource);
        return new Cpu(name, physical, logical, usable, arch);
    }

    private List<Gpu> gpus(HardwareSnapshot previous, Map<String, String> provenance, List<String> warnings) {
        List<Gpu> found = new ArrayList<>();
        List<String> used = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        Set<GpuVendor> covered = EnumSet.noneOf(GpuVendor.class);
        boolean anyFailed = false;
        for (GpuSource source : sources.gpus()) {
            GpuReading reading = read(source);
            if (reading instanceof GpuReading.Found f) {
                List<Gpu> fresh = f.gpus().stream().filter(g -> !covered.contains(g.vendor())).toList();
                if (!fresh.isEmpty()) {
                    found.addAll(fresh);
                    used.add(source.name());
                    warnings.addAll(f.notes());
                }
            } else if (reading instanceof GpuReading.Absent a) {
                absent.add(a.why());
            } else if (reading instanceof GpuReading.Failed fail) {
                anyFailed = true;
                List<Gpu> kept = previous == null ? List.of()
                        : previous.gpus().stream().filter(g -> fromSource(g, source.name())).toList();
                found.addAll(kept);
                if (!kept.isEmpty()) {
                    used.add(source.name() + " (previous snapshot)");
                }
                warnings.add(source.name() + " failed: " + fail.why()
                        + (kept.isEmpty() ? "" : "; keeping the " + kept.size() + " GPU(s) it reported last time"));
            }
            found.forEach(g -> covered.add(g.vendor()));
        }
        if (found.isEmpty() && !anyFailed && sources.lastResortGpus() != null) {
            GpuReading reading = read(sources.lastResortGpus());
            if (reading instanceof GpuReading.Found f) {
                found.addAll(f.gpus());
                used.add(sources.lastResortGpus().name() + " (last resort)");
                warnings.addAll(f.notes());
            } else if (reading instanceof GpuReading.Failed fail) {
                warnings.add(sources.lastResortGpus().name() + " failed: " + fail.why());
            }
        }

        List<Gpu> completed = new ArrayList<>();
        Map<Gpu, String> bandwidthSource = new IdentityHashMap<>();
        for (Gpu gpu : found) {
            GpuCompletion.Completed c = GpuCompletion.complete(gpu);
            completed.add(c.gpu());
            warnings.addAll(c.warnings());
            bandwidthSource.put(c.gpu(), c.provenance().stream()
                    .filter(p -> p.startsWith("memory_bandwidth="))
                    .map(p -> p.substring("memory_bandwidth=".length()))
                    .findFirst().orElse(gpu.source()));
        }
        VisibleDevices.Filtered visible = VisibleDevices.apply(completed, sources.env());
        warnings.addAll(visible.notes());
        List<Gpu> result = visible.gpus();
        for (int i = 0; i < result.size(); i++) {
            Gpu g = result.get(i);
            provenance.put("gpus[" + i + "].vram_total", g.vramTotalBytes() == null ? "unknown" : g.source());
            provenance.put("gpus[" + i + "].memory_bandwidth", bandwidthSource.getOrDefault(g, g.source()));
        }
        String gpusSource = used.isEmpty() ? "none found (" + String.join("; ", absent) + ")" : String.join(", ", used);
        if (visible.applied() != null) {
            gpusSource += "; filtered by " + visible.applied();
        }
        provenance.put("gpus", gpusSource);
        return result;
    }

    private static boolean fromSource(Gpu gpu, String source) {
        return gpu.source() != null && (gpu.source().equals(source) || gpu.source().startsWith(source + " "));
    }

    private static GpuReading read(GpuSource source) {
        try {
            GpuReading reading = source.read();
            return reading != null ? reading : new GpuReading.Failed("returned nothing");
        } catch (RuntimeException e) {
            return new GpuReading.Failed(message(e));
        }
    }

    private Optional<HostSource.MemoryModules> modules(List<String> warnings) {
        for (HostSource host : sources.hosts()) {
            try {
                Optional<HostSource.MemoryModules> m = host.memoryModules();
                if (m.isPresent()) {
                    return m;
                }
            } catch (RuntimeException e) {
                warnings.add(host.name() + " could not list memory modules: " + message(e));
            }
        }
        return Optional.empty();
    }

    private record Answer<T>(T value, String source) { }

    private <T> Optional<Answer<T>> first(Function<HostSource, Optional<T>> read, String what, List<String> warnings) {
        for (HostSource host : sources.hosts()) {
            try {
                Optional<T> value = read.apply(host);
                if (value.isPresent()) {
                    return Optional.of(new Answer<>(value.get(), host.name()));
                }
            } catch (RuntimeException e) {
                warnings.add(host.name() + " could not read " + what + ": " + message(e));
            }
        }
        return Optional.empty();
    }

    /** The first answer that knows a CPU field, recorded in provenance. */
    private static <T> T field(List<Answer<HostSource.HostCpu>> answers, Function<HostSource.HostCpu, T> get,
                               String key, Map<String, String> provenance) {
        for (Answer<HostSource.HostCpu> a : answers) {
            T value = get.apply(a.value());
            if (value != null) {
                provenance.put(key, a.source());
                return value;
            }
        }
        return null;
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
