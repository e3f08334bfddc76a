package dev.fitd.hardware;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything fitd knows about one machine at one moment. Immutable: the background refresh builds a
 * new snapshot and swaps it in; a request reads the current one and never probes.
 *
 * @param version increases with every successful refresh; keys caches
 * @param takenAt when the probe finished
 * @param nodeName host name (or the configured node name)
 * @param os operating system name and version
 * @param gpus accelerators usable by this process (after CUDA_VISIBLE_DEVICES etc.), may be empty
 * @param provenance where each value came from, keyed by a dotted path such as {@code memory.total}
 * @param warnings every source that failed or guessed, in plain words
 */
public record HardwareSnapshot(
        long version,
        Instant takenAt,
        String nodeName,
        String os,
        Cpu cpu,
        Memory memory,
        List<Gpu> gpus,
        Map<String, String> provenance,
        List<String> warnings) {

    public HardwareSnapshot {
        gpus = List.copyOf(gpus);
        provenance = Map.copyOf(provenance);
        warnings = List.copyOf(warnings);
    }

    public boolean hasGpu() { return !gpus.isEmpty(); }

    /** True when the (first) GPU shares system memory (Apple silicon, some APUs). */
    public boolean unifiedMemory() { return !gpus.isEmpty() && gpus.get(0).unifiedMemory(); }
}
