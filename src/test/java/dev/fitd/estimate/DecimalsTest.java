package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    @Test
    void printsWhatTheFormatterPrints() {
        Random r = new Random(7);
        double[] edges = {0, -0.0, 0.005, 0.015, 0.025, 0.045, 1.005, 1.015, 2.675, 0.125, 0.375, 9.995, 99.95,
                1e-9, 4.999999, 123456.785, 1e15 + 0.5, -1.25, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
        for (int decimals = 0; decimals <= 3; decimals++) {
            for (double v : edges) {
                check(v, decimals);
            }
            for (int i = 0; i < 20_000; i++) {
                check(r.nextDouble() * Math.pow(10, r.nextInt(8)), decimals);
                check(r.nextInt(100_000) / 1000.0 + 0.0005, decimals);   // halfway cases in decimal
                check(r.nextLong() / (double) (1L << 30), decimals);     // GiB of byte counts, both signs
            }
        }
    }

    private static void check(double v, int decimals) {
        assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Decimals.fixed(v, decimals), "value " + v);
    }
}
