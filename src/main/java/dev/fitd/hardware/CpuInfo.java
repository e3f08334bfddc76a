package dev.fitd.hardware;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Linux {@code /proc/cpuinfo}.
 *
 * @param modelName {@code model name} (x86), or a name made from the Arm {@code CPU implementer} /
 *                  {@code CPU part} ids (aarch64 prints no model name); null when neither is there
 * @param logicalCores number of {@code processor} entries (the CPUs this kernel, or this container's
 *                     LXCFS view, shows)
 * @param physicalCores distinct ({@code physical id}, {@code core id}) pairs; null when the file does not
 *                      say (aarch64, some VMs), so the caller falls back to another source
 */
record CpuInfo(String modelName, int logicalCores, Integer physicalCores) {

    /** Arm implementer 0x41 part ids of server cores seen in clouds. */
    private static final Map<String, String> ARM_PARTS = Map.of(
            "0xd0c", "Arm Neoverse N1",
            "0xd40", "Arm Neoverse V1",
            "0xd49", "Arm Neoverse N2",
            "0xd4f", "Arm Neoverse V2",
            "0xd8e", "Arm Neoverse N3",
            "0xd84", "Arm Neoverse V3");

    /** @throws IllegalArgumentException when the lines contain no {@code processor} entry */
    public static CpuInfo parse(List<String> lines) {
        int logical = 0;
        String model = null;
        String implementer = null;
        String part = null;
        String physicalId = "0";
        Set<String> cores = new HashSet<>();
        boolean coreIds = false;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "processor" -> logical++;
                case "model name" -> model = model == null && !value.isEmpty() ? value : model;
                case "cpu implementer" -> implementer = implementer == null ? value : implementer;
                case "cpu part" -> part = part == null ? value : part;
                case "physical id" -> physicalId = value;
                case "core id" -> {
                    coreIds = true;
                    cores.add(physicalId + "/" + value);
                }
                default -> { }
            }
        }
        if (logical == 0) {
            throw new IllegalArgumentException("/proc/cpuinfo lists no processor");
        }
        if (model == null && part != null) {
            String known = "0x41".equalsIgnoreCase(implementer) ? ARM_PARTS.get(part.toLowerCase(Locale.ROOT)) : null;
            model = known != null ? known : "Arm CPU (implementer " + implementer + ", part " + part + ")";
        }
        return new CpuInfo(model, logical, coreIds ? cores.size() : null);
    }
}
