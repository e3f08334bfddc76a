package dev.fitd.hardware.probe;

import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareProbe;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.MachineOverrides;
import java.util.Objects;

/**
 * Applies configured overrides ({@code fitd.hardware.ram-gb=...} etc.) to every snapshot another probe
 * makes, so that the whole daemon sees the corrected machine and provenance says {@code config override}.
 */
final class OverridingProbe implements HardwareProbe {

    private final HardwareProbe delegate;
    private final MachineOverrides overrides;

    public OverridingProbe(HardwareProbe delegate, MachineOverrides overrides) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
    }

    @Override
    public HardwareSnapshot probe(HardwareSnapshot previous, long version) {
        return HardwareDerivation.apply(delegate.probe(previous, version), overrides, "config override");
    }
}
