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

    private static final long[] POW10 = {1, 10, 100, 1_000};

    public static String fixed(double v, int decimals) {
        if (!(v > 0) || Double.isInfinite(v)) {   // zero, negatives, NaN, infinity: the formatter's own spelling
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
        if (decimals >= 1 && decimals < POW10.length && v < 1e6) {
            // Rounding v itself and rounding its shortest decimal differ only when a tie (k + 0.5) / 10^d lies
            // between them, i.e. within half an ulp of v (ulp below 1.2e-10 under 1e6: under 1.2e-7 once scaled
            // by 10^d <= 1000). v × 10^d is computed within 6e-8 of exact (it is below 1e9), so when its fraction
            // is more than 1e-6 from one half no tie is that close, and the integer it rounds to is the answer.
            // Closer to a tie: the exact way below.
            // (This path keeps Double.toString and BigDecimal out of every note written; see quant-choice-cost.md.)
            double x = v * POW10[decimals];
            double floor = Math.floor(x);
            double frac = x - floor;
            if (Math.abs(frac - 0.5) > 1e-6) {
                long n = (long) floor + (frac > 0.5 ? 1 : 0);
                long unit = POW10[decimals];
                String digits = Long.toString(n % unit);
                StringBuilder sb = new StringBuilder(24).append(n / unit).append('.');
                for (int i = digits.length(); i < decimals; i++) {
                    sb.append('0');
                }
                return sb.append(digits).toString();
            }
        }
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
