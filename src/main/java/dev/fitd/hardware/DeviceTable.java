package dev.fitd.hardware;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Published memory bandwidth (and, where known, VRAM and FP16 matrix throughput) of GPUs, Apple chips
 * and a few CPUs, looked up by the names tools print ({@code NVIDIA GeForce RTX 4090},
 * {@code NVIDIA A100-SXM4-80GB}, {@code AMD Radeon RX 7900 XTX}, {@code Apple M2 Max}, ...).
 *
 * <p>The data lives in {@code dev/fitd/hardware/devices.txt} and {@code cpus.txt} on the classpath,
 * one device per line with its source; the file header explains every column.
 *
 * <h2>How a name is matched</h2>
 * A name is turned into a set of tokens ({@link #tokens(String)}): lower case, split on anything that
 * is not a letter or digit, with the spellings that vary between tools made equal: {@code 80GB} /
 * {@code 80 GB} → {@code 80gb}; {@code SXM4} → {@code sxm}; {@code PCI-E} → {@code pcie};
 * {@code RTX4090} → {@code rtx 4090}; {@code 38-core GPU} → {@code 38c}; {@code Laptop GPU},
 * {@code Mobile}, {@code Max-Q} → {@code laptop}. Each table row has one or more keys, themselves token
 * sets. A key matches when all its tokens are in the name, and the name carries no
 * {@linkplain #STICKY variant token} (laptop, Ti, SUPER, XT, XTX, PCIe, SXM, Pro, Max, ...) that the key
 * lacks — so {@code RTX 4090 Laptop GPU} never falls back to the desktop 4090 and an unlisted
 * {@code M5 Max} never resolves to the plain M5. The longest matching key wins; between equally long
 * keys the slower device wins (a bare {@code A100} or {@code M3 Max} gets its slowest variant, so
 * estimates err low), then table order. Nothing matching → {@link Optional#empty()}: the caller warns
 * and estimates; this class never returns a zero bandwidth.
 */
public final class DeviceTable {

    /**
     * Tokens that name a different SKU when present: a key must contain each of these that the looked-up
     * name contains.
     */
    static final Set<String> STICKY = Set.of(
            "laptop", "ti", "super", "xt", "xtx", "gre", "pcie", "sxm", "nvl", "sff", "ada",
            "pro", "max", "ultra", "nano", "nx", "agx");

    private static final Pattern CPU_CORES = Pattern.compile("\\b\\d+[\\s-]*cores?[\\s-]*cpu\\b");
    private static final Pattern GPU_CORES = Pattern.compile("\\b(\\d+)[\\s-]*cores?[\\s-]*gpu\\b");
    private static final Pattern GIGABYTES = Pattern.compile("\\b(\\d+)\\s*gi?b\\b");
    private static final Pattern SXM = Pattern.compile("\\bsxm\\d*\\b");
    private static final Pattern PCIE = Pattern.compile("\\bpci[\\s-]?e(xpress)?\\b");
    private static final Pattern SERIES_DIGITS = Pattern.compile("\\b(rtx|gtx|rx)(\\d)");
    private static final Pattern MAX_Q = Pattern.compile("\\bmax[\\s-]*q\\b");
    private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)?");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    private record Key(Set<String> tokens, int row) { }

    private record Table(List<DeviceSpec> devices, List<Key> deviceKeys,
                         List<CpuMemorySpec> cpus, List<Key> cpuKeys) { }

    private static final class Holder {
        static final Table TABLE = load();
    }

    private DeviceTable() { }

    /**
     * Loads the table now (it is otherwise loaded by the first lookup, during the first hardware probe,
     * on the path to ready): the daemon's start-up thread calls it beside the framework's own start.
     */
    public static void preload() {
        Holder.TABLE.devices();
    }

    /** The device whose published figures match {@code name}, or empty when the name is not in the table. */
    public static Optional<DeviceSpec> lookup(String name) {
        return lookup(name, null);
    }

    /**
     * As {@link #lookup(String)}, with the memory the device comes with (a discrete card's VRAM, an Apple
     * chip's RAM), in GiB, or null: it is added to the name as a size token ({@code 12gb}), so a bare name
     * resolves to the variant of that size — {@code NVIDIA GeForce RTX 3060} with 12 GiB is the 360 GB/s card,
     * {@code Apple M3 Max} with 36 GiB the 30-core chip — when the table has a key for that size. A name that
     * already states a size keeps it.
     */
    public static Optional<DeviceSpec> lookup(String name, Double memoryGib) {
        Table t = Holder.TABLE;
        String query = name;
        if (name != null && memoryGib != null && memoryGib > 0 && !GIGABYTES.matcher(name.toLowerCase(Locale.ROOT)).find()) {
            query = name + " " + Math.round(memoryGib) + "gb";
        }
        return best(query, t.deviceKeys(), STICKY, row -> t.devices().get(row).memoryBandwidthGbps())
                .map(t.devices()::get);
    }

    /**
     * Up to {@code limit} display names of the table (devices, then CPUs when {@code cpus}) nearest to an
     * unknown {@code name}, for an error message: ranked by shared tokens over all of the row's keys and name
     * (more is nearer), then by the edit distance between the normalized strings (less is nearer). Rows that
     * share no token and are more than half the name's length away are not offered.
     */
    public static List<String> nearest(String name, int limit, boolean devices, boolean cpus) {
        Table t = Holder.TABLE;
        Set<String> q = tokens(name);
        String qs = String.join(" ", q);
        record Candidate(String name, int shared, int distance) { }
        java.util.Map<String, Candidate> best = new java.util.LinkedHashMap<>();
        List<Key> keys = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (devices) {
            for (Key k : t.deviceKeys()) {
                keys.add(k);
                names.add(t.devices().get(k.row()).name());
            }
        }
        if (cpus) {
            for (Key k : t.cpuKeys()) {
                keys.add(k);
                names.add(t.cpus().get(k.row()).name());
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            Set<String> kt = new LinkedHashSet<>(keys.get(i).tokens());
            Set<String> nameTokens = tokens(names.get(i));
            int shared = (int) q.stream().filter(x -> kt.contains(x) || nameTokens.contains(x)).count();
            int distance = Math.min(editDistance(qs, String.join(" ", new java.util.TreeSet<>(kt))),
                    editDistance(qs, String.join(" ", nameTokens)));
            distance = Math.min(distance, editDistance(qs.replace(" ", ""), String.join("", kt)));
            if (shared == 0 && distance > Math.max(2, qs.length() / 2)) {
                continue;
            }
            Candidate c = new Candidate(names.get(i), shared, distance);
            Candidate prev = best.get(c.name());
            if (prev == null || c.shared() > prev.shared()
                    || (c.shared() == prev.shared() && c.distance() < prev.distance())) {
                best.put(c.name(), c);
            }
        }
        return best.values().stream()
                .sorted(Comparator.comparingInt((Candidate c) -> -c.shared()).thenComparingInt(Candidate::distance))
                .limit(limit).map(Candidate::name).toList();
    }

    /**
     * The error for a {@code gpu} or {@code cpu} name the table does not know: it names the value and up to three
     * nearest known names ({@link #nearest}).
     *
     * @param parameter {@code gpu} or {@code cpu}
     */
    public static IllegalArgumentException unknown(String parameter, String value) {
        boolean gpu = parameter.equals("gpu");
        List<String> near = nearest(value, 3, gpu, !gpu);
        String what = gpu ? "GPU or Apple chip" : "CPU or SoC";
        return new IllegalArgumentException("unknown " + parameter + " '" + value + "': not a " + what + " of fitd's device "
                + "table" + (near.isEmpty() ? "" : "; nearest known names: " + String.join(", ", near))
                + (gpu ? " (or none for no GPU; an unlisted card needs vram_gb and gpu_bandwidth_gbps)" : ""));
    }

    /**
     * Checks a what-if's {@code gpu} value: {@code none}, a name of the table, or — when the caller states both
     * the card's memory and bandwidth — any name.
     *
     * @throws IllegalArgumentException from {@link #unknown} otherwise
     */
    public static void requireKnownGpu(String name, boolean statedVramAndBandwidth) {
        if (name.strip().equalsIgnoreCase("none") || statedVramAndBandwidth || lookup(name).isPresent()
                || GpuCompletion.looksIntegrated(name)) {
            return;
        }
        throw unknown("gpu", name);
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }

    /**
     * The CPU whose memory bandwidth (under a stated, assumed memory configuration) matches {@code name},
     * e.g. {@code AMD Ryzen 5 7600X 6-Core Processor}; empty when not in the CPU table. CPU keys are model
     * numbers that name one chip, so no variant tokens apply here.
     */
    public static Optional<CpuMemorySpec> lookupCpu(String name) {
        Table t = Holder.TABLE;
        return best(name, t.cpuKeys(), Set.of(), row -> t.cpus().get(row).memoryBandwidthGbps())
                .map(t.cpus()::get);
    }

    /** Every device row, in table order. */
    public static List<DeviceSpec> devices() { return Holder.TABLE.devices(); }

    /** Every CPU row, in table order. */
    public static List<CpuMemorySpec> cpus() { return Holder.TABLE.cpus(); }

    /** The llama.cpp backend a vendor's GPUs usually run under: CUDA, ROCm, SYCL (Intel), Metal. */
    public static Backend defaultBackend(GpuVendor vendor) {
        return switch (vendor) {
            case NVIDIA -> Backend.CUDA;
            case AMD -> Backend.ROCM;
            case INTEL -> Backend.SYCL;
            case APPLE -> Backend.METAL;
            case OTHER -> Backend.VULKAN;
        };
    }

    /**
     * The vendor a device name points to: the table row when the name is known, else words in the name
     * ({@code nvidia}, {@code geforce}, {@code radeon}, {@code arc}, {@code apple}, an {@code M<n>} chip
     * ...); {@link GpuVendor#OTHER} when nothing gives it away.
     */
    public static GpuVendor vendorOf(String name) {
        Optional<DeviceSpec> known = lookup(name);
        if (known.isPresent()) {
            return known.get().vendor();
        }
        Set<String> t = tokens(name);
        if (containsAny(t, "nvidia", "geforce", "gtx", "rtx", "tesla", "quadro", "jetson")) {
            return GpuVendor.NVIDIA;
        }
        if (containsAny(t, "amd", "ati", "radeon", "rx", "instinct")) {
            return GpuVendor.AMD;
        }
        if (containsAny(t, "intel", "arc", "iris", "uhd")) {
            return GpuVendor.INTEL;
        }
        if (t.contains("apple") || t.stream().anyMatch(s -> s.matches("m[1-9]"))) {
            return GpuVendor.APPLE;
        }
        return GpuVendor.OTHER;
    }

    /** The normalized token set of a device name; see the class comment. */
    static Set<String> tokens(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT);
        s = MAX_Q.matcher(s).replaceAll(" laptop ");
        s = CPU_CORES.matcher(s).replaceAll(" ");
        s = GPU_CORES.matcher(s).replaceAll(" $1c ");
        s = GIGABYTES.matcher(s).replaceAll(" $1gb ");
        s = SXM.matcher(s).replaceAll(" sxm ");
        s = PCIE.matcher(s).replaceAll(" pcie ");
        s = SERIES_DIGITS.matcher(s).replaceAll("$1 $2");
        Set<String> out = new LinkedHashSet<>();
        for (String token : SEPARATORS.split(s)) {
            if (token.isEmpty()) {
                continue;
            }
            out.add(token.equals("mobile") || token.equals("notebook") ? "laptop" : token);
        }
        return out;
    }

    private interface Bandwidth { double of(int row); }

    private static Optional<Integer> best(String name, List<Key> keys, Set<String> sticky, Bandwidth bandwidth) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        Set<String> query = tokens(name);
        // Words in parentheses describe (a host, a chip, a memory size); they may match a key but never veto one.
        Set<String> outside = tokens(PARENTHESES.matcher(name).replaceAll(" "));
        return keys.stream()
                .filter(k -> query.containsAll(k.tokens()))
                .filter(k -> outside.stream().filter(sticky::contains).allMatch(k.tokens()::contains))
                .min(Comparator.<Key>comparingInt(k -> -k.tokens().size())
                        .thenComparingDouble(k -> bandwidth.of(k.row()))
                        .thenComparingInt(Key::row))
                .map(Key::row);
    }

    private static boolean containsAny(Set<String> tokens, String... words) {
        return Arrays.stream(words).anyMatch(tokens::contains);
    }

    private static Table load() {
        List<DeviceSpec> devices = new ArrayList<>();
        List<Key> deviceKeys = new ArrayList<>();
        for (Line line : read("devices.txt")) {
            String[] f = line.fields(8);
            devices.add(new DeviceSpec(
                    f[0],
                    line.parse("vendor", () -> GpuVendor.valueOf(f[2])),
                    line.parse("vram_gib", () -> optionalDouble(f[3])),
                    line.parse("unified", () -> f[4].equals("i") || yesNo(f[4])),
                    line.parse("bandwidth_gbps", () -> Double.parseDouble(f[5])),
                    line.parse("fp16_tflops", () -> optionalDouble(f[6])),
                    f[7],
                    f[4].equals("i")));
            addKeys(deviceKeys, f[1], devices.size() - 1, line);
        }
        List<CpuMemorySpec> cpus = new ArrayList<>();
        List<Key> cpuKeys = new ArrayList<>();
        for (Line line : read("cpus.txt")) {
            String[] f = line.fields(5);
            cpus.add(new CpuMemorySpec(f[0], line.parse("bandwidth_gbps", () -> Double.parseDouble(f[2])),
                    line.parse("cores", () -> f[3].equals("-") ? null : Integer.valueOf(f[3])), f[4]));
            addKeys(cpuKeys, f[1], cpus.size() - 1, line);
        }
        return new Table(List.copyOf(devices), List.copyOf(deviceKeys), List.copyOf(cpus), List.copyOf(cpuKeys));
    }

    private static void addKeys(List<Key> keys, String field, int row, Line line) {
        for (String key : field.split(";")) {
            Set<String> tokens = tokens(key);
            if (tokens.isEmpty()) {
                throw line.error("empty lookup key");
            }
            keys.add(new Key(Set.copyOf(tokens), row));
        }
    }

    private static Double optionalDouble(String s) {
        return s.equals("-") ? null : Double.valueOf(s);
    }

    private static boolean yesNo(String s) {
        return switch (s) {
            case "y" -> true;
            case "n" -> false;
            default -> throw new IllegalArgumentException("expected y or n, was '" + s + "'");
        };
    }

    private record Line(String file, int number, String text) {
        String[] fields(int count) {
            String[] f = text.split("\\|", -1);
            if (f.length != count) {
                throw error("expected " + count + " '|'-separated fields, found " + f.length);
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].trim();
            }
            return f;
        }

        <T> T parse(String field, java.util.function.Supplier<T> parser) {
            try {
                return parser.get();
            } catch (RuntimeException e) {
                throw error(field + ": " + e.getMessage());
            }
        }

        IllegalStateException error(String message) {
            return new IllegalStateException(file + " line " + number + ": " + message);
        }
    }

    private static List<Line> read(String resource) {
        List<Line> lines = new ArrayList<>();
        try (InputStream in = DeviceTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource dev/fitd/hardware/" + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank() && !text.stripLeading().startsWith("#")) {
                    lines.add(new Line(resource, number, text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
