package dev.fitd.hardware.gpu;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuCompletion;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.process.CommandOutcome;
import dev.fitd.process.CommandRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * NVIDIA GPUs from {@code nvidia-smi --query-gpu=index,uuid,name,memory.total,memory.used,memory.free,
 * driver_version,compute_cap --format=csv,noheader,nounits}, with MIG slices from {@code nvidia-smi -L}
 * when any GPU has MIG enabled (see {@link NvidiaMig}).
 *
 * <p>{@code nvidia-smi} ignores {@code CUDA_VISIBLE_DEVICES}; the probe filters afterwards
 * ({@link VisibleDevices}).
 */
public final class NvidiaSmi implements GpuSource {

    static final String FIELDS = "index,uuid,name,memory.total,memory.used,memory.free,driver_version,compute_cap";
    /** Drivers before ~510 do not know {@code compute_cap}; asked again without it. */
    static final String FIELDS_WITHOUT_CC = "index,uuid,name,memory.total,memory.used,memory.free,driver_version";

    private static final long MIB = 1024L * 1024;

    private final CommandRunner runner;
    private final String executable;

    /**
     * @param runner runs the commands (with its timeout)
     * @param executable {@code nvidia-smi} (looked up on PATH) or a full path
     */
    public NvidiaSmi(CommandRunner runner, String executable) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.executable = Objects.requireNonNull(executable, "executable");
    }

    @Override
    public String name() {
        return "nvidia-smi";
    }

    @Override
    public GpuReading read() {
        CommandOutcome outcome = runner.run(executable, "--query-gpu=" + FIELDS, "--format=csv,noheader,nounits");
        if (outcome instanceof CommandOutcome.Failed f && mentions(f, "compute_cap")) {
            outcome = runner.run(executable, "--query-gpu=" + FIELDS_WITHOUT_CC, "--format=csv,noheader,nounits");
        }
        if (outcome instanceof CommandOutcome.Missing) {
            return new GpuReading.Absent("nvidia-smi not found");
        }
        if (outcome instanceof CommandOutcome.Failed f && mentions(f, "No devices were found")) {
            return new GpuReading.Absent("nvidia-smi: no devices were found");
        }
        if (!(outcome instanceof CommandOutcome.Ok ok)) {
            return new GpuReading.Failed(outcome.describe());
        }
        Parsed parsed;
        try {
            parsed = parse(ok.lines());
        } catch (IllegalArgumentException e) {
            return new GpuReading.Failed("nvidia-smi printed output fitd cannot read: " + e.getMessage());
        }
        if (parsed.gpus().isEmpty()) {
            return new GpuReading.Absent("nvidia-smi listed no GPU");
        }
        List<String> notes = new ArrayList<>(parsed.notes());
        List<Gpu> gpus = parsed.gpus();
        CommandOutcome listing = runner.run(executable, "-L");
        if (listing instanceof CommandOutcome.Ok l) {
            NvidiaMig.Listing mig = NvidiaMig.parse(l.lines());
            if (mig.hasSlices()) {
                gpus = NvidiaMig.expand(gpus.stream().map(g -> GpuCompletion.complete(g).gpu()).toList(), mig);
                notes.add("MIG is enabled: the GPUs are listed as their MIG slices; slice memory is taken from the"
                        + " profile name (95 % of it, see NvidiaMig) and bandwidth as the slice's share");
            }
        } else {
            notes.add("nvidia-smi -L failed, MIG slices not checked: " + listing.describe());
        }
        return new GpuReading.Found(gpus, notes);
    }

    private static boolean mentions(CommandOutcome.Failed f, String text) {
        return f.stderr().stream().anyMatch(l -> l.contains(text)) || f.stdout().stream().anyMatch(l -> l.contains(text));
    }

    /** GPUs read, plus a note per line that could not be read. */
    public record Parsed(List<Gpu> gpus, List<String> notes) { }

    /**
     * Parses the CSV lines (no header, no units: memory in MiB). {@code [N/A]} and {@code [Not Supported]}
     * become null (DGX Spark's GB10, for one, reports its unified memory as {@code [N/A]}). A line that is
     * not a GPU row is skipped with a note.
     *
     * @throws IllegalArgumentException when there are lines but not one of them is a GPU row
     */
    public static Parsed parse(List<String> lines) {
        List<Gpu> gpus = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int nonBlank = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            nonBlank++;
            try {
                gpus.add(row(line));
            } catch (IllegalArgumentException e) {
                notes.add("nvidia-smi: skipped line '" + abbreviate(line) + "': " + e.getMessage());
            }
        }
        if (nonBlank > 0 && gpus.isEmpty()) {
            throw new IllegalArgumentException(notes.get(0));
        }
        return new Parsed(gpus, notes);
    }

    private static Gpu row(String line) {
        String[] raw = line.split(",", -1);
        int expected = 8;
        if (raw.length < 7) {
            throw new IllegalArgumentException("expected 7 or 8 comma-separated fields, found " + raw.length);
        }
        // a name containing commas: everything between uuid and memory.total
        boolean withCc = raw.length >= 8 && looksLikeComputeCap(raw[raw.length - 1]);
        int tail = withCc ? 5 : 4;
        String[] f = new String[expected];
        f[0] = raw[0].strip();
        f[1] = raw[1].strip();
        f[2] = String.join(",", Arrays.copyOfRange(raw, 2, raw.length - tail)).strip();
        for (int i = 0; i < tail; i++) {
            f[3 + i] = raw[raw.length - tail + i].strip();
        }
        if (!withCc) {
            f[7] = null;
        }
        Integer index = integer(f[0], "index");
        if (index == null) {
            throw new IllegalArgumentException("no index");
        }
        if (f[2].isEmpty()) {
            throw new IllegalArgumentException("no name");
        }
        Long total = mib(f[3], "memory.total");
        Long free = mib(f[5], "memory.free");
        mib(f[4], "memory.used");
        return new Gpu(index, text(f[1]), f[2], GpuVendor.NVIDIA, Backend.CUDA, total, free, false,
                null, null, text(f[7]), text(f[6]), "nvidia-smi");
    }

    private static boolean looksLikeComputeCap(String s) {
        String v = s.strip();
        return v.matches("\\d+\\.\\d+") || unknown(v);
    }

    private static boolean unknown(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        return s.isEmpty() || s.equals("[n/a]") || s.equals("n/a") || s.equals("[not supported]")
                || s.equals("[unknown error]") || s.equals("[insufficient permissions]");
    }

    private static String text(String v) {
        return v == null || unknown(v) ? null : v.strip();
    }

    private static Integer integer(String v, String field) {
        if (unknown(v)) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: '" + v + "'");
        }
    }

    private static Long mib(String v, String field) {
        if (unknown(v)) {
            return null;
        }
        try {
            long value = Long.parseLong(v.strip());
            if (value < 0) {
                throw new IllegalArgumentException(field + " is negative: " + v);
            }
            return value * MIB;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number of MiB: '" + v + "'");
        }
    }

    static String abbreviate(String line) {
        String s = line.strip();
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
