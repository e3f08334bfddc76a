package dev.fitd.api;

/** Conversions for the JSON views. Every {@code _gb} figure is GiB (2^30 bytes). */
final class Units {
    private static final double GIB = 1L << 30;

    private Units() { }

    /** Bytes to GiB rounded to 2 decimals; null stays null (unknown is never 0). */
    static Double gib(Long bytes) {
        return bytes == null ? null : round(bytes / GIB, 2);
    }

    static double gib(long bytes) {
        return round(bytes / GIB, 2);
    }

    static Double round(Double v, int decimals) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return null;
        }
        double f = decimals < POWERS.length ? POWERS[decimals] : Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    /** 10^0 … 10^3, the scales used (exactly the values Math.pow gives). */
    private static final double[] POWERS = {1, 10, 100, 1000};
}
