package dev.fitd.hardware.gpu;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.DeviceSpec;
import dev.fitd.hardware.DeviceTable;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.SystemFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AMD and Intel GPUs from Linux sysfs, {@code /sys/class/drm/card<N>/device/}: {@code vendor}
 * (0x1002 AMD, 0x8086 Intel, 0x10de NVIDIA), {@code device}, {@code product_name} (AMD, when the board's
 * FRU has one), and the amdgpu memory counters {@code mem_info_vram_total}, {@code mem_info_vram_used},
 * {@code mem_info_gtt_total} (bytes).
 *
 * <p>The acquire step flattens those files into lines {@code card0/device/vendor:0x1002}, the form
 * {@code grep -H . /sys/class/drm/card*}{@code /device/...} prints, so that fixtures are plain text.
 *
 * <ul>
 *   <li>NVIDIA cards are skipped: their driver exposes no memory here; {@code nvidia-smi} reports them.</li>
 *   <li>AMD APUs (Strix Halo, Phoenix, ...) have a small BIOS carve-out as "VRAM" and reach the rest of
 *       system RAM through GTT; when the table says unified, or the carve-out is under 2 GiB and the GTT is
 *       larger, the GPU is unified and may use carve-out + GTT.</li>
 *   <li>Intel: i915/xe expose no VRAM size here, so only Arc cards known by PCI id are listed, with the
 *       table's VRAM; integrated Intel graphics are not counted as a GPU (they share the CPU's memory
 *       bandwidth and run llama.cpp no faster than its cores).</li>
 * </ul>
 */
public final class DrmSysfs implements GpuSource {

    static final String DRM = "/sys/class/drm";
    static final List<String> FILES = List.of("vendor", "device", "product_name",
            "mem_info_vram_total", "mem_info_vram_used", "mem_info_gtt_total");

    /** Intel Arc discrete cards by PCI device id (Intel's published PCI id list for DG2 / Battlemage). */
    static final Map<String, String> INTEL_ARC = Map.of(
            "0x56a0", "Intel Arc A770",
            "0x56a1", "Intel Arc A750",
            "0x56a2", "Intel Arc A580",
            "0x56a5", "Intel Arc A380",
            "0x56a6", "Intel Arc A310",
            "0xe20b", "Intel Arc B580",
            "0xe20c", "Intel Arc B570");

    private static final long GIB = 1L << 30;
    private static final Pattern CARD_DIR = Pattern.compile("^card\\d+$");
    private static final Pattern LINE = Pattern.compile("^(card(\\d+))/device/([a-z_]+):(.*)$");

    private final SystemFiles files;

    public DrmSysfs(SystemFiles files) {
        this.files = Objects.requireNonNull(files, "files");
    }

    @Override
    public String name() {
        return "sysfs";
    }

    @Override
    public GpuReading read() {
        List<String> cards = files.list(DRM).stream().filter(c -> CARD_DIR.matcher(c).matches()).toList();
        if (cards.isEmpty()) {
            return new GpuReading.Absent("no " + DRM + "/card*");
        }
        List<String> lines = new ArrayList<>();
        for (String card : cards) {
            for (String file : FILES) {
                files.lines(DRM + "/" + card + "/device/" + file)
                        .filter(l -> !l.isEmpty())
                        .ifPresent(l -> lines.add(card + "/device/" + file + ":" + l.get(0).strip()));
            }
        }
        Parsed parsed = parse(lines);
        return parsed.gpus().isEmpty()
                ? new GpuReading.Absent("no AMD or Intel Arc GPU in " + DRM)
                : new GpuReading.Found(parsed.gpus(), parsed.notes());
    }

    /** GPUs and the notes on cards that were skipped or guessed. */
    public record Parsed(List<Gpu> gpus, List<String> notes) { }

    /** Parses {@code cardN/device/<file>:<value>} lines; malformed lines and values are noted and skipped. */
    public static Parsed parse(List<String> lines) {
        Map<Integer, Map<String, String>> cards = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                if (!line.isBlank()) {
                    notes.add("sysfs: skipped line '" + NvidiaSmi.abbreviate(line) + "'");
                }
                continue;
            }
            cards.computeIfAbsent(Integer.valueOf(m.group(2)), k -> new LinkedHashMap<>()).put(m.group(3), m.group(4).strip());
        }
        List<Gpu> gpus = new ArrayList<>();
        cards.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int index = e.getKey();
            Map<String, String> f = e.getValue();
            String vendor = f.getOrDefault("vendor", "").toLowerCase(Locale.ROOT);
            String device = f.getOrDefault("device", "").toLowerCase(Locale.ROOT);
            switch (vendor) {
                case "0x1002" -> amd(index, device, f, notes).ifPresent(gpus::add);
                case "0x8086" -> intel(index, device, notes).ifPresent(gpus::add);
                case "0x10de" -> { }
                case "" -> notes.add("sysfs: card" + index + " has no vendor id");
                default -> notes.add("sysfs: card" + index + " vendor " + vendor + " is not a GPU vendor fitd knows");
            }
        });
        return new Parsed(gpus, notes);
    }

    private static Optional<Gpu> amd(int index, String device, Map<String, String> f, List<String> notes) {
        Long vram = bytes(f, "mem_info_vram_total", index, notes);
        Long used = bytes(f, "mem_info_vram_used", index, notes);
        Long gtt = bytes(f, "mem_info_gtt_total", index, notes);
        String product = f.get("product_name");
        String name = product != null && !product.isBlank() ? product : "AMD GPU " + device;
        Optional<DeviceSpec> spec = DeviceTable.lookup(name);
        boolean unified = spec.map(DeviceSpec::unifiedMemory).orElse(false)
                || (vram != null && gtt != null && vram < 2 * GIB && gtt > vram);
        Long total = vram;
        Long free = vram != null && used != null ? Math.max(0, vram - used) : null;
        if (unified && vram != null && gtt != null) {
            total = vram + gtt;
            free = null;
            notes.add("sysfs: card" + index + " (" + name + ") treated as an APU: GPU memory = VRAM carve-out "
                    + vram / (1 << 20) + " MiB + GTT " + gtt / (1 << 20) + " MiB of system RAM");
        }
        return Optional.of(new Gpu(index, null, name, GpuVendor.AMD, Backend.ROCM, total, free, unified,
                null, null, null, null, "sysfs"));
    }

    private static Optional<Gpu> intel(int index, String device, List<String> notes) {
        String name = INTEL_ARC.get(device);
        if (name == null) {
            notes.add("sysfs: card" + index + " is Intel device " + device
                    + ", not a known Arc discrete GPU; integrated graphics are not counted as a GPU");
            return Optional.empty();
        }
        return Optional.of(new Gpu(index, null, name, GpuVendor.INTEL, Backend.SYCL, null, null, false,
                null, null, null, null, "sysfs"));
    }

    private static Long bytes(Map<String, String> f, String file, int index, List<String> notes) {
        String v = f.get(file);
        if (v == null) {
            return null;
        }
        try {
            long b = Long.parseLong(v);
            if (b < 0) {
                throw new NumberFormatException();
            }
            return b;
        } catch (NumberFormatException e) {
            notes.add("sysfs: card" + index + "/device/" + file + " is not a byte count: '" + v + "'");
            return null;
        }
    }
}
