package dev.fitd.hardware;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux {@code /proc/meminfo}: the host's (or, under LXCFS, the container's) RAM.
 *
 * @param totalBytes {@code MemTotal}
 * @param availableBytes {@code MemAvailable} (kernel ≥ 3.14: memory a new process can get without
 *                       swapping, counting reclaimable cache); on older kernels {@code MemFree + Buffers
 *                       + Cached}, which overstates it somewhat
 * @param availableField which field(s) {@code availableBytes} came from, for provenance
 */
public record MemInfo(long totalBytes, long availableBytes, String availableField) {

    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_()]+):\\s+(\\d+)(?:\\s+kB)?\\s*$");

    /**
     * Parses the lines of {@code /proc/meminfo}. Values are in KiB ("kB" in the file means 1024 bytes).
     *
     * @throws IllegalArgumentException when {@code MemTotal} is missing or no available figure can be made
     */
    public static MemInfo parse(List<String> lines) {
        Map<String, Long> kib = new HashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                kib.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        Long total = kib.get("MemTotal");
        if (total == null || total <= 0) {
            throw new IllegalArgumentException("/proc/meminfo has no MemTotal");
        }
        if (kib.containsKey("MemAvailable")) {
            return new MemInfo(total * 1024, kib.get("MemAvailable") * 1024, "MemAvailable");
        }
        Long free = kib.get("MemFree");
        if (free == null) {
            throw new IllegalArgumentException("/proc/meminfo has neither MemAvailable nor MemFree");
        }
        long available = free + kib.getOrDefault("Buffers", 0L) + kib.getOrDefault("Cached", 0L);
        return new MemInfo(total * 1024, Math.min(total, available) * 1024, "MemFree+Buffers+Cached");
    }
}
