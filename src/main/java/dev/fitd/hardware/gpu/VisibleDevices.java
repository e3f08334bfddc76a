package dev.fitd.hardware.gpu;

import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuVendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which NVIDIA GPUs this process may use, from {@code CUDA_VISIBLE_DEVICES} and
 * {@code NVIDIA_VISIBLE_DEVICES}. {@code nvidia-smi} lists every GPU regardless, so the probe filters.
 *
 * <ul>
 *   <li>{@code CUDA_VISIBLE_DEVICES} (read by the CUDA runtime, so by llama.cpp): unset → all; empty,
 *       {@code none}, {@code void} or {@code -1} → none; otherwise a comma-separated list of indexes or UUIDs
 *       ({@code GPU-...} or {@code MIG-...}, a unique prefix is enough). Like CUDA, the list stops at the
 *       first entry that names no device. {@code all} is accepted as "all".</li>
 *   <li>{@code NVIDIA_VISIBLE_DEVICES} (read by the NVIDIA container runtime when the container starts):
 *       unset, empty or {@code void} → no restriction; {@code all} → all; {@code none} → none; a list →
 *       only its UUID entries are applied. Its indexes are host indexes, and inside the container
 *       {@code nvidia-smi} numbers the injected GPUs from 0 again, so an index cannot be matched.</li>
 * </ul>
 * Other vendors' GPUs are not affected.
 */
public final class VisibleDevices {

    private VisibleDevices() { }

    /** The filtered list and what was applied, for provenance; {@code applied} is null when nothing was. */
    public record Filtered(List<Gpu> gpus, String applied, List<String> notes) {
        public Filtered {
            gpus = List.copyOf(gpus);
            notes = List.copyOf(notes);
        }
    }

    public static Filtered apply(List<Gpu> gpus, Map<String, String> env) {
        List<String> notes = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        List<Gpu> nvidia = gpus.stream().filter(g -> g.vendor() == GpuVendor.NVIDIA).toList();
        List<Gpu> result = nvidia;

        String container = env.get("NVIDIA_VISIBLE_DEVICES");
        if (container != null) {
            String v = container.strip().toLowerCase(Locale.ROOT);
            if (v.equals("none")) {
                result = List.of();
                applied.add("NVIDIA_VISIBLE_DEVICES=none");
            } else if (!v.isEmpty() && !v.equals("void") && !v.equals("all")) {
                List<String> uuids = entries(container).stream().filter(VisibleDevices::isUuid).toList();
                if (uuids.size() < entries(container).size()) {
                    notes.add("NVIDIA_VISIBLE_DEVICES lists host indexes; they cannot be matched inside the container and are not applied");
                }
                if (!uuids.isEmpty()) {
                    List<Gpu> kept = new ArrayList<>();
                    for (String u : uuids) {
                        result.stream().filter(g -> matchesUuid(g, u) && !kept.contains(g)).forEach(kept::add);
                    }
                    result = kept;
                    applied.add("NVIDIA_VISIBLE_DEVICES=" + container.strip());
                }
            }
        }

        String cuda = env.get("CUDA_VISIBLE_DEVICES");
        if (cuda != null) {
            String v = cuda.strip().toLowerCase(Locale.ROOT);
            if (v.isEmpty() || v.equals("none") || v.equals("void") || v.equals("-1")) {
                result = List.of();
                applied.add("CUDA_VISIBLE_DEVICES=" + cuda.strip());
            } else if (!v.equals("all")) {
                List<Gpu> kept = new ArrayList<>();
                for (String entry : entries(cuda)) {
                    List<Gpu> match = select(result, entry);
                    if (match.isEmpty()) {
                        notes.add("CUDA_VISIBLE_DEVICES entry '" + entry + "' names no GPU; like CUDA, the entries after it are ignored");
                        break;
                    }
                    match.stream().filter(g -> !kept.contains(g)).forEach(kept::add);
                }
                result = kept;
                applied.add("CUDA_VISIBLE_DEVICES=" + cuda.strip());
            }
        }

        List<Gpu> out = new ArrayList<>(result);
        gpus.stream().filter(g -> g.vendor() != GpuVendor.NVIDIA).forEach(out::add);
        return new Filtered(out, applied.isEmpty() ? null : String.join(", ", applied), notes);
    }

    private static List<Gpu> select(List<Gpu> gpus, String entry) {
        if (entry.matches("\\d+")) {
            int index = Integer.parseInt(entry);
            // MIG slices share their parent's index; an index names the parent GPU, i.e. all its slices
            return gpus.stream().filter(g -> g.index() != null && g.index() == index).toList();
        }
        if (isUuid(entry)) {
            List<Gpu> match = gpus.stream().filter(g -> matchesUuid(g, entry)).toList();
            return match.size() == 1 ? match : List.of();
        }
        return List.of();
    }

    private static boolean isUuid(String entry) {
        String e = entry.toUpperCase(Locale.ROOT);
        return e.startsWith("GPU-") || e.startsWith("MIG-");
    }

    private static boolean matchesUuid(Gpu gpu, String entry) {
        return gpu.uuid() != null && gpu.uuid().toLowerCase(Locale.ROOT).startsWith(entry.toLowerCase(Locale.ROOT));
    }

    private static List<String> entries(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
