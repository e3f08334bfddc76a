package dev.fitd.hardware.profile;

import dev.fitd.hardware.HardwareProbe;
import dev.fitd.hardware.HardwareSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A probe that reads a profile file instead of the machine ({@code fitd.hardware.profile=<path>}). The
 * file is read on every refresh, so edits take effect without a restart. A broken file at start-up is an
 * error (the daemon must not silently describe the wrong machine); a file broken later keeps the last good
 * snapshot with a warning.
 */
public final class ProfileHardwareProbe implements HardwareProbe {

    static final String STALE = "hardware profile unusable now, keeping the previous one: ";

    private final Path file;
    private final String nodeName;
    private final String os;
    private final Clock clock;

    public ProfileHardwareProbe(Path file, String nodeName, String os, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.os = Objects.requireNonNull(os, "os");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws ProfileException when the file is unusable and there is no previous snapshot */
    @Override
    public HardwareSnapshot probe(HardwareSnapshot previous, long version) {
        try {
            return ProfileReader.read(file, version, clock.instant(), nodeName, os);
        } catch (ProfileException e) {
            if (previous == null) {
                throw e;
            }
            List<String> warnings = new ArrayList<>(previous.warnings());
            warnings.removeIf(w -> w.startsWith(STALE));
            warnings.add(STALE + e.getMessage());
            return new HardwareSnapshot(previous.version(), previous.takenAt(), previous.nodeName(), previous.os(),
                    previous.cpu(), previous.memory(), previous.gpus(), previous.provenance(), warnings);
        }
    }
}
