package dev.fitd.hardware.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Iterator;
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
 */
public final class ProfileReader {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProfileException(origin + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ProfileException(origin + ": expected a JSON object");
        }
        JsonNode system = root.has("system") ? root.get("system") : root;
        String prefix = root.has("system") ? "system." : "";
        if (root.has("system")) {
            checkFields(root, Set.of("system", "node"), "", origin);
        }
        if (!system.isObject()) {
            throw new ProfileException(origin + ": " + prefix + " must be an object");
        }
        return new Reader(origin, prefix).snapshot(system, version, takenAt, nodeName, os);
    }

    private static void checkFields(JsonNode object, Set<String> accepted, String path, String origin) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!accepted.contains(name) && !IGNORED.contains(name)) {
                throw new ProfileException(origin + ": unknown field '" + path + name + "'; accepted: "
                        + String.join(", ", accepted.stream().sorted().toList()));
            }
        }
    }

    /** Reads one profile, remembering where it came from for error messages. */
    private record Reader(String origin, String prefix) {

        HardwareSnapshot snapshot(JsonNode s, long version, Instant takenAt, String nodeName, String os) {
            checkFields(s, SYSTEM_FIELDS, prefix, origin);
            String where = "profile " + origin;
            double totalGb = number(s, "total_ram_gb", prefix);
            Double availableGb = optionalNumber(s, "available_ram_gb", prefix);
            if (availableGb != null && availableGb > totalGb) {
                throw error(prefix + "available_ram_gb", availableGb + " exceeds total_ram_gb " + totalGb);
            }
            int cores = integer(s, "cpu_cores", prefix, 1);
            String cpuName = text(s, "cpu_name", prefix);
            long total = Math.round(totalGb * (1L << 30));
            long available = availableGb == null ? total : Math.round(availableGb * (1L << 30));

            List<String> warnings = new ArrayList<>();
            List<Gpu> gpus = gpus(s, total, where, warnings);
            if (s.has("has_gpu")) {
                JsonNode h = s.get("has_gpu");
                if (!h.isBoolean()) {
                    throw error(prefix + "has_gpu", "must be true or false, was " + h);
                }
                if (h.asBoolean() != !gpus.isEmpty()) {
                    throw error(prefix + "has_gpu", h.asBoolean()
                            ? "is true but no GPU is described (give gpus or gpu_name)"
                            : "is false but GPUs are described");
                }
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            for (String key : List.of("memory.total", "memory.available", "cpu.name", "cpu.usable_cores", "gpus")) {
                provenance.put(key, where);
            }
            for (int i = 0; i < gpus.size(); i++) {
                provenance.put("gpus[" + i + "].vram_total", where);
                provenance.put("gpus[" + i + "].memory_bandwidth", where);
            }
            Double ramBw = optionalNumber(s, "ram_bandwidth_gbps", prefix);
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

        private List<Gpu> gpus(JsonNode s, long ramTotal, String where, List<String> warnings) {
            List<Gpu> out = new ArrayList<>();
            if (s.has("gpus") && !s.get("gpus").isNull()) {
                JsonNode list = s.get("gpus");
                if (!list.isArray()) {
                    throw error(prefix + "gpus", "must be an array");
                }
                for (int i = 0; i < list.size(); i++) {
                    String path = prefix + "gpus[" + i + "].";
                    JsonNode g = list.get(i);
                    if (!g.isObject()) {
                        throw error(prefix + "gpus[" + i + "]", "must be an object");
                    }
                    checkFields(g, GPU_FIELDS, path, origin);
                    String name = text(g, "name", path);
                    if (name == null) {
                        throw error(path + "name", "is required");
                    }
                    int count = g.has("count") ? integer(g, "count", path, 1) : 1;
                    Gpu gpu = HardwareDerivation.fromName(name, optionalNumber(g, "vram_gb", path), bool(g, "unified_memory", path),
                            backend(g, "backend", path), optionalNumber(g, "memory_bandwidth_gbps", path), ramTotal, where, warnings);
                    Double fp16 = optionalNumber(g, "fp16_tflops", path);
                    for (int c = 0; c < count; c++) {
                        out.add(new Gpu(out.size(), null, gpu.name(), gpu.vendor(), gpu.backend(), gpu.vramTotalBytes(), null,
                                gpu.unifiedMemory(), gpu.memoryBandwidthGbps(), fp16 != null ? fp16 : gpu.fp16Tflops(),
                                null, null, "profile"));
                    }
                }
                return out;
            }
            String name = text(s, "gpu_name", prefix);
            if (name == null) {
                for (String flat : List.of("gpu_vram_gb", "gpu_count")) {
                    if (s.has(flat) && !s.get(flat).isNull() && !(flat.equals("gpu_count") && s.get(flat).asInt(-1) == 0)) {
                        throw error(prefix + flat, "is given but gpu_name is not: say which GPU");
                    }
                }
                return out;
            }
            int count = s.has("gpu_count") && !s.get("gpu_count").isNull() ? integer(s, "gpu_count", prefix, 1) : 1;
            Gpu gpu = HardwareDerivation.fromName(name, optionalNumber(s, "gpu_vram_gb", prefix), bool(s, "unified_memory", prefix),
                    backend(s, "backend", prefix), null, ramTotal, where, warnings);
            for (int c = 0; c < count; c++) {
                out.add(new Gpu(c, null, gpu.name(), gpu.vendor(), gpu.backend(), gpu.vramTotalBytes(), null,
                        gpu.unifiedMemory(), gpu.memoryBandwidthGbps(), gpu.fp16Tflops(), null, null, "profile"));
            }
            return out;
        }

        private double number(JsonNode o, String field, String path) {
            Double v = optionalNumber(o, field, path);
            if (v == null) {
                throw error(path + field, "is required");
            }
            return v;
        }

        private Double optionalNumber(JsonNode o, String field, String path) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                throw error(path + field, "must be a number, was " + v);
            }
            double d = v.asDouble();
            if (!(d > 0) || !Double.isFinite(d)) {
                throw error(path + field, "must be positive, was " + v);
            }
            return d;
        }

        private int integer(JsonNode o, String field, String path, int min) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                throw error(path + field, "is required");
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw error(path + field, "must be a whole number, was " + v);
            }
            if (v.asInt() < min) {
                throw error(path + field, "must be at least " + min + ", was " + v);
            }
            return v.asInt();
        }

        private String text(JsonNode o, String field, String path) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(path + field, "must be a non-empty string, was " + v);
            }
            return v.asText().strip();
        }

        private Boolean bool(JsonNode o, String field, String path) {
            JsonNode v = o.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isBoolean()) {
                throw error(path + field, "must be true or false, was " + v);
            }
            return v.asBoolean();
        }

        private Backend backend(JsonNode o, String field, String path) {
            String v = text(o, field, path);
            if (v == null) {
                return null;
            }
            try {
                return HardwareDerivation.backend(v);
            } catch (IllegalArgumentException e) {
                throw error(path + field, e.getMessage());
            }
        }

        private ProfileException error(String field, String message) {
            return new ProfileException(origin + ": " + field + " " + message);
        }
    }
}
