package dev.fitd.hardware.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fitd.hardware.profile.ProfileJson.GpuJson;
import dev.fitd.hardware.profile.ProfileJson.ResponseJson;
import dev.fitd.hardware.profile.ProfileJson.SystemJson;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Cpu;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.Memory;
import dev.fitd.hardware.SystemRamBandwidth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a hardware profile: a JSON file shaped like the {@code system} object of {@code /api/v1/system}
 * (or the whole response, whose {@code system} member is then used), describing a machine instead of
 * probing this one. Left-out fields are derived ({@link HardwareDerivation#fromName}).
 *
 * <pre>
 * {"total_ram_gb": 64, "cpu_cores": 16, "cpu_name": "AMD Ryzen 9 7950X",
 *  "gpus": [{"name": "NVIDIA GeForce RTX 4090", "count": 1}]}
 * </pre>
 *
 * <ul>
 *   <li>Required: {@code total_ram_gb}, {@code cpu_cores}. A GPU is described either by {@code gpus}
 *       (each: {@code name} required; {@code vram_gb}, {@code count} (default 1), {@code backend},
 *       {@code unified_memory}, {@code memory_bandwidth_gbps}, {@code fp16_tflops} optional) or by the flat
 *       {@code gpu_name}, {@code gpu_vram_gb}, {@code gpu_count}, {@code unified_memory}, {@code backend};
 *       when {@code gpus} is there the flat fields are ignored (they are its summary in the API output).</li>
 *   <li>Optional: {@code available_ram_gb} (default: total), {@code has_gpu} (must agree with the GPUs
 *       given), {@code ram_bandwidth_gbps} (default: a unified GPU's, the CPU table's, or a stated default).</li>
 *   <li>Strict: an unknown field, a wrong type or an impossible value is an error naming the field
 *       (e.g. {@code gpus[1].vram_gb}). Fields that fitd itself prints in {@code /api/v1/system} but that
 *       describe a moment rather than the machine ({@link #IGNORED}) are accepted and ignored, so a saved
 *       response can be fed back.</li>
 * </ul>
 *
 * <p>The shape (field names, JSON types, unknown fields) is bound by Jackson into the records of
 * {@link ProfileJson}, with a strict mapper; this class checks the values (positive, at least 1,
 * consistent) and assembles the snapshot. Every error names the file, the JSON path and the value.
 */
public final class ProfileReader {

    static final Set<String> SYSTEM_FIELDS = Set.of("total_ram_gb", "available_ram_gb", "cpu_cores", "cpu_name",
            "has_gpu", "gpu_vram_gb", "gpu_name", "gpu_count", "unified_memory", "backend", "gpus", "ram_bandwidth_gbps");
    static final Set<String> GPU_FIELDS = Set.of("name", "vram_gb", "count", "backend", "unified_memory",
            "memory_bandwidth_gbps", "fp16_tflops");
    /** Printed by /api/v1/system, describing a moment or the probe, not the machine: ignored on input. */
    static final Set<String> IGNORED = Set.of("provenance", "warnings", "free_vram_gb", "available_vram_gb",
            "container_limit_gb", "cpu_physical_cores", "cpu_logical_cores", "cpu_usable_cores", "architecture",
            "version", "taken_at", "index", "uuid", "vendor", "compute_capability", "driver_version", "source",
            "total_gpu_vram_gb", "free_gpu_vram_gb", "cpu_architecture", "devices", "snapshot_version",
            "snapshot_taken_at", "catalog_version", "backend_code", "gpu_available_gb");

    private ProfileReader() { }

    /** Reads and checks a profile file. */
    public static HardwareSnapshot read(Path file, long version, Instant takenAt, String nodeName, String os) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfileException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString(), version, takenAt, nodeName, os);
    }

    /** @param origin names the profile in errors and provenance, e.g. its path */
    public static HardwareSnapshot parse(String json, String origin, long version, Instant takenAt, String nodeName, String os) {
        JsonNode root = ProfileJson.tree(json, origin);
        if (root == null || !root.isObject()) {
            throw new ProfileException(origin + ": expected a JSON object");
        }
        JsonNode system = root;
        String prefix = "";
        if (root.has("system")) {
            ProfileJson.bind(root, ResponseJson.class, origin, "", Set.of("system", "node"));
            system = root.get("system");
            prefix = "system.";
        }
        if (!system.isObject()) {
            throw new ProfileException(origin + ": system must be an object, was " + system);
        }
        SystemJson s = ProfileJson.bind(system, SystemJson.class, origin, prefix, SYSTEM_FIELDS);
        return new Reader(origin, prefix).snapshot(s, version, takenAt, nodeName, os);
    }

    /** Turns one bound profile into a snapshot, checking the values, remembering where it came from. */
    private record Reader(String origin, String prefix) {

        HardwareSnapshot snapshot(SystemJson s, long version, Instant takenAt, String nodeName, String os) {
            String where = "profile " + origin;
            double totalGb = positive(required(s.totalRamGb(), prefix + "total_ram_gb"), prefix + "total_ram_gb");
            Double availableGb = positive(s.availableRamGb(), prefix + "available_ram_gb");
            if (availableGb != null && availableGb > totalGb) {
                throw error(prefix + "available_ram_gb", availableGb + " exceeds total_ram_gb " + totalGb);
            }
            int cores = atLeast(required(s.cpuCores(), prefix + "cpu_cores"), 1, prefix + "cpu_cores");
            String cpuName = text(s.cpuName(), prefix + "cpu_name");
            long total = Math.round(totalGb * (1L << 30));
            long available = availableGb == null ? total : Math.round(availableGb * (1L << 30));

            List<String> warnings = new ArrayList<>();
            List<Gpu> gpus = gpus(s, total, where, warnings);
            if (s.hasGpu() != null && s.hasGpu() != !gpus.isEmpty()) {
                throw error(prefix + "has_gpu", s.hasGpu()
                        ? "is true but no GPU is described (give gpus or gpu_name)"
                        : "is false but GPUs are described");
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            for (String key : List.of("memory.total", "memory.available", "cpu.name", "cpu.usable_cores", "gpus")) {
                provenance.put(key, where);
            }
            for (int i = 0; i < gpus.size(); i++) {
                provenance.put("gpus[" + i + "].vram_total", where);
                provenance.put("gpus[" + i + "].memory_bandwidth", where);
            }
            Double ramBw = positive(s.ramBandwidthGbps(), prefix + "ram_bandwidth_gbps");
            double bandwidth;
            if (ramBw != null) {
                bandwidth = ramBw;
                provenance.put("memory.bandwidth", where);
            } else {
                SystemRamBandwidth.Estimate e = SystemRamBandwidth.estimate(cpuName,
                        gpus.stream().filter(Gpu::unifiedMemory).findFirst().orElse(null), Optional.empty());
                bandwidth = e.gbps();
                provenance.put("memory.bandwidth", e.source());
                if (e.isDefault()) {
                    warnings.add(where + ": ram_bandwidth_gbps not given; assuming " + e.gbps() + " GB/s (dual-channel DDR5-5200)");
                }
            }
            Cpu cpu = new Cpu(cpuName != null ? cpuName : "unspecified CPU", cores, cores, cores, null);
            return new HardwareSnapshot(version, takenAt, nodeName, os, cpu, new Memory(total, available, null, bandwidth),
                    gpus, provenance, warnings);
        }

        private List<Gpu> gpus(SystemJson s, long ramTotal, String where, List<String> warnings) {
            List<Gpu> out = new ArrayList<>();
            if (s.gpus() != null) {
                for (int i = 0; i < s.gpus().size(); i++) {
                    String path = prefix + "gpus[" + i + "].";
                    GpuJson g = s.gpus().get(i);
                    if (g == null) {
                        throw error(prefix + "gpus[" + i + "]", "must be an object, was null");
                    }
                    String name = text(required(g.name(), path + "name"), path + "name");
                    int count = g.count() == null ? 1 : atLeast(g.count(), 1, path + "count");
                    Gpu gpu = HardwareDerivation.fromName(name, positive(g.vramGb(), path + "vram_gb"), g.unifiedMemory(),
                            backend(g.backend(), path + "backend"),
                            positive(g.memoryBandwidthGbps(), path + "memory_bandwidth_gbps"), ramTotal, where, warnings);
                    Double fp16 = positive(g.fp16Tflops(), path + "fp16_tflops");
                    for (int c = 0; c < count; c++) {
                        out.add(new Gpu(out.size(), null, gpu.name(), gpu.vendor(), gpu.backend(), gpu.vramTotalBytes(), null,
                                gpu.unifiedMemory(), gpu.memoryBandwidthGbps(), fp16 != null ? fp16 : gpu.fp16Tflops(),
                                null, null, "profile"));
                    }
                }
                return out;
            }
            String name = text(s.gpuName(), prefix + "gpu_name");
            if (name == null) {
                if (s.gpuVramGb() != null) {
                    throw error(prefix + "gpu_vram_gb", "is given but gpu_name is not: say which GPU");
                }
                if (s.gpuCount() != null && s.gpuCount() != 0) {
                    throw error(prefix + "gpu_count", "is given but gpu_name is not: say which GPU");
                }
                return out;
            }
            int count = s.gpuCount() == null ? 1 : atLeast(s.gpuCount(), 1, prefix + "gpu_count");
            Gpu gpu = HardwareDerivation.fromName(name, positive(s.gpuVramGb(), prefix + "gpu_vram_gb"), s.unifiedMemory(),
                    backend(s.backend(), prefix + "backend"), null, ramTotal, where, warnings);
            for (int c = 0; c < count; c++) {
                out.add(new Gpu(c, null, gpu.name(), gpu.vendor(), gpu.backend(), gpu.vramTotalBytes(), null,
                        gpu.unifiedMemory(), gpu.memoryBandwidthGbps(), gpu.fp16Tflops(), null, null, "profile"));
            }
            return out;
        }

        private <T> T required(T value, String field) {
            if (value == null) {
                throw error(field, "is required");
            }
            return value;
        }

        private Double positive(Double v, String field) {
            if (v != null && (!(v > 0) || !Double.isFinite(v))) {
                throw error(field, "must be positive, was " + v);
            }
            return v;
        }

        private int atLeast(int v, int min, String field) {
            if (v < min) {
                throw error(field, "must be at least " + min + ", was " + v);
            }
            return v;
        }

        private String text(String v, String field) {
            if (v == null) {
                return null;
            }
            if (v.isBlank()) {
                throw error(field, "must be a non-empty string, was \"" + v + "\"");
            }
            return v.strip();
        }

        private Backend backend(String value, String field) {
            String v = text(value, field);
            if (v == null) {
                return null;
            }
            try {
                return HardwareDerivation.backend(v);
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        private ProfileException error(String field, String message) {
            return new ProfileException(origin + ": " + field + " " + message);
        }
    }
}
