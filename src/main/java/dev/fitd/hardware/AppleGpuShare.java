package dev.fitd.hardware;

/**
 * How much of an Apple-silicon Mac's unified memory the GPU may use.
 *
 * <p>Metal caps the memory a process can wire for the GPU ({@code recommendedMaxWorkingSetSize}, which
 * llama.cpp reads). By default macOS sets it to about two thirds of RAM on machines with up to 36 GiB and
 * about three quarters above (e.g. 21.3 GiB of 32, 48 of 64, 96 of 128). An administrator can change it
 * with {@code sudo sysctl iogpu.wired_limit_mb=<MiB>}; 0 means the default.
 */
public final class AppleGpuShare {

    /** RAM up to which the default share is 2/3 (GiB). */
    static final long SMALL_MACHINE_GIB = 36;

    private AppleGpuShare() { }

    /** The default share: 2/3 of RAM up to 36 GiB, 3/4 above. */
    public static double defaultFraction(long totalRamBytes) {
        return totalRamBytes <= SMALL_MACHINE_GIB * (1L << 30) ? 2.0 / 3.0 : 0.75;
    }

    /**
     * Bytes the GPU may use: {@code iogpu.wired_limit_mb} when it is set (> 0), else the default share.
     *
     * @param wiredLimitMb the sysctl value in MiB, 0 or null for the default
     */
    public static long usableBytes(long totalRamBytes, Long wiredLimitMb) {
        if (wiredLimitMb != null && wiredLimitMb > 0) {
            return Math.min(totalRamBytes, wiredLimitMb * 1024 * 1024);
        }
        return (long) (totalRamBytes * defaultFraction(totalRamBytes));
    }
}
