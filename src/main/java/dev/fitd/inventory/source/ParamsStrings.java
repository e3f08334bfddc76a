package dev.fitd.inventory.source;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human-readable parameter counts as runtimes print them: {@code 7B}, {@code 270M}, {@code 3.2B},
 * {@code 26B-A4B} (total and active), {@code 8x7B} (experts × size). The catalog's own
 * {@code ParameterCount} covers the catalog's strict form; this one is lenient because runtimes are.
 */
public final class ParamsStrings {
    private static final Pattern FORM = Pattern.compile(
            "(?i)^\\s*(?:(\\d+)\\s*x\\s*)?(\\d+(?:\\.\\d+)?)\\s*([KMBT])(?:\\s*-\\s*A(\\d+(?:\\.\\d+)?)\\s*([KMBT]))?\\s*$");

    private ParamsStrings() { }

    /** A parsed count: total parameters and, for {@code …-A…} forms, the active ones. */
    public record Count(long total, Long active) { }

    /** Parses a params string; empty when it is not one of the forms above. */
    public static Optional<Count> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        long total = scale(m.group(2), m.group(3));
        if (m.group(1) != null) {
            total = Math.multiplyExact(total, Long.parseLong(m.group(1)));
        }
        Long active = m.group(4) == null ? null : scale(m.group(4), m.group(5));
        return Optional.of(new Count(total, active));
    }

    private static long scale(String number, String unit) {
        long mult = switch (unit.toUpperCase(Locale.ROOT)) {
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "B" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
        };
        return new BigDecimal(number).multiply(BigDecimal.valueOf(mult)).longValue();
    }

    /** {@code 8030261248 → 8B}, {@code 3212749888 → 3.2B}, {@code 268098176 → 268M}. */
    public static String format(long params) {
        if (params <= 0) {
            return null;
        }
        String[] units = {"T", "B", "M", "K"};
        double[] sizes = {1e12, 1e9, 1e6, 1e3};
        for (int i = 0; i < units.length; i++) {
            if (params >= sizes[i]) {
                double v = params / sizes[i];
                String n = v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
                if (n.endsWith(".0")) {
                    n = n.substring(0, n.length() - 2);
                }
                return n + units[i];
            }
        }
        return Long.toString(params);
    }
}
