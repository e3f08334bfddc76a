package dev.fitd.estimate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Fixed-point text for the numbers in notes: {@code fixed(4.5826, 2)} is {@code "4.58"}, exactly what
 * {@code String.format(Locale.ROOT, "%.2f", v)} prints (the shortest decimal of the double, rounded half up),
 * without building a {@link java.util.Formatter} per call: notes are written for every model of every
 * uncached answer, and the formatter was ~8 % of a hardware what-if. Always a dot, whatever the default locale.
 */
public final class Decimals {
    private Decimals() { }

    public static String fixed(double v, int decimals) {
        if (!(v > 0) || Double.isInfinite(v)) {   // zero, negatives, NaN, infinity: the formatter's own spelling
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
