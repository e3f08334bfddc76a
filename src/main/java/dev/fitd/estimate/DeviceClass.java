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
            return name != null && name.toLowerCase(java.util.Locale.ROOT).contains("ultra") ? APPLE_ULTRA : APPLE;
        }
        return unified ? UNIFIED : DISCRETE;
    }
}
