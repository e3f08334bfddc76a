package dev.fitd.estimate;

/**
 * The kind of device a place of the roofline is, where it changes the calibration: Apple Ultra chips reach a
 * smaller share of their bandwidth than base, Pro and Max chips ({@link CalibrationConstants#appleUltraEfficiency});
 * the other classes only group the accuracy report.
 */
public enum DeviceClass {
    /** A discrete GPU with its own memory. */
    DISCRETE,
    /** Apple base, Pro or Max chip (one die). */
    APPLE,
    /** Apple Ultra chip (two dies). */
    APPLE_ULTRA,
    /** A non-Apple GPU sharing system memory: DGX Spark, Strix Halo, Jetson, integrated GPUs. */
    UNIFIED,
    /** The CPU. */
    CPU;

    /** The class of a GPU named {@code name}; {@code unified} when it shares system memory. */
    public static DeviceClass of(String name, boolean unified, boolean apple) {
        if (apple) {
            return name != null && containsUltra(name) ? APPLE_ULTRA : APPLE;
        }
        return unified ? UNIFIED : DISCRETE;
    }

    /** Whether {@code name} contains "ultra" in any case, without lower-casing a copy (asked for every place costed). */
    private static boolean containsUltra(String name) {
        for (int i = 0; i + 5 <= name.length(); i++) {
            if (name.regionMatches(true, i, "ultra", 0, 5)) {
                return true;
            }
        }
        return false;
    }
}
