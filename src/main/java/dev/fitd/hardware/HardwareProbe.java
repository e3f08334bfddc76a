package dev.fitd.hardware;

/**
 * The seam between fitd and the machine: one call produces one snapshot. Implementations run
 * commands with timeouts and never throw for a failed source; they add a warning instead.
 */
public interface HardwareProbe {
    /**
     * Probe the machine.
     *
     * @param previous the last good snapshot (its values are kept where a source fails now), or null
     * @param version the version number to give the new snapshot
     */
    HardwareSnapshot probe(HardwareSnapshot previous, long version);
}
