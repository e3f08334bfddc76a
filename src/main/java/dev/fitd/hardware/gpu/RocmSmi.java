package dev.fitd.hardware.gpu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuReading;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.process.CommandOutcome;
import dev.fitd.process.CommandRunner;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AMD GPUs from {@code rocm-smi --showproductname --showmeminfo vram --json}:
 * <pre>
 * {"card0": {"Card series": "...", "Card model": "0x744c", "Card vendor": "...", "GFX Version": "gfx1100",
 *            "VRAM Total Memory (B)": "25753026560", "VRAM Total Used Memory (B)": "1174626304"}}
 * </pre>
 * Key capitalisation changed between ROCm releases ({@code Card series} / {@code Card Series}); keys are
 * matched case-insensitively. Lines before the JSON (rocm-smi prints warnings there) are skipped.
 */
public final class RocmSmi implements GpuSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CARD = Pattern.compile("^card(\\d+)$");

    private final CommandRunner runner;
    private final String executable;

    /** @param executable {@code rocm-smi} (looked up on PATH) or a full path */
    public RocmSmi(CommandRunner runner, String executable) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.executable = Objects.requireNonNull(executable, "executable");
    }

    @Override
    public String name() {
        return "rocm-smi";
    }

    @Override
    public GpuReading read() {
        CommandOutcome outcome = runner.run(executable, "--showproductname", "--showmeminfo", "vram", "--json");
        if (outcome instanceof CommandOutcome.Missing) {
            return new GpuReading.Absent("rocm-smi not found");
        }
        if (!(outcome instanceof CommandOutcome.Ok ok)) {
            return new GpuReading.Failed(outcome.describe());
        }
        try {
            List<Gpu> gpus = parse(ok.lines());
            return gpus.isEmpty() ? new GpuReading.Absent("rocm-smi listed no GPU") : new GpuReading.Found(gpus, List.of());
        } catch (IllegalArgumentException e) {
            return new GpuReading.Failed("rocm-smi printed output fitd cannot read: " + e.getMessage());
        }
    }

    /**
     * Parses the JSON object printed by rocm-smi; one {@link Gpu} per {@code cardN} key, in card order.
     * Sizes are bytes. A card without a VRAM total gets null (unknown), not 0.
     *
     * @throws IllegalArgumentException when the output holds no JSON object, or a size is not a number
     */
    public static List<Gpu> parse(List<String> lines) {
        String text = String.join("\n", lines);
        int start = text.indexOf('{');
        if (start < 0) {
            if (text.isBlank()) {
                return List.of();
            }
            throw new IllegalArgumentException("no JSON object in: " + NvidiaSmi.abbreviate(text));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.substring(start));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        List<Gpu> gpus = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> cards = root.fields();
        while (cards.hasNext()) {
            Map.Entry<String, JsonNode> card = cards.next();
            Matcher m = CARD.matcher(card.getKey());
            if (!m.matches() || !card.getValue().isObject()) {
                continue;
            }
            JsonNode c = card.getValue();
            Long total = bytes(c, "vram total memory (b)");
            Long used = bytes(c, "vram total used memory (b)");
            Long free = total != null && used != null ? Math.max(0, total - used) : null;
            String name = name(c, Integer.parseInt(m.group(1)));
            gpus.add(new Gpu(Integer.valueOf(m.group(1)), field(c, "unique id"), name, GpuVendor.AMD, Backend.ROCM,
                    total, free, false, null, null, null, null, "rocm-smi"));
        }
        gpus.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return gpus;
    }

    private static String name(JsonNode card, int index) {
        String series = field(card, "card series");
        if (series != null) {
            return series;
        }
        String model = field(card, "card model");
        return model != null ? "AMD GPU " + model : "AMD GPU card" + index;
    }

    private static String field(JsonNode card, String lowerKey) {
        Iterator<Map.Entry<String, JsonNode>> it = card.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lowerKey)) {
                String v = e.getValue().asText("").strip();
                return v.isEmpty() || v.equalsIgnoreCase("N/A") ? null : v;
            }
        }
        return null;
    }

    private static Long bytes(JsonNode card, String lowerKey) {
        String v = field(card, lowerKey);
        if (v == null) {
            return null;
        }
        try {
            long b = Long.parseLong(v);
            if (b < 0) {
                throw new IllegalArgumentException(lowerKey + " is negative: " + v);
            }
            return b;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(lowerKey + " is not a number: '" + v + "'");
        }
    }
}
