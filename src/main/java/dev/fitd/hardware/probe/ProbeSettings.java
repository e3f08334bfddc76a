package dev.fitd.hardware.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the real probe needs from configuration, as a plain value (the {@code config} package converts
 * {@code fitd.hardware.*} into this).
 *
 * @param commandTimeout how long one vendor tool may run before it is killed
 * @param nvidiaSmi {@code nvidia-smi} executable: a bare name is looked up on PATH
 * @param rocmSmi {@code rocm-smi} executable: a bare name is looked up on PATH
 * @param nodeName node name to report; empty → the kernel's host name
 */
public record ProbeSettings(Duration commandTimeout, String nvidiaSmi, String rocmSmi, Optional<String> nodeName) {

    public ProbeSettings {
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(nvidiaSmi, "nvidiaSmi");
        Objects.requireNonNull(rocmSmi, "rocmSmi");
        Objects.requireNonNull(nodeName, "nodeName");
    }

    /** 3 s per command, tools from PATH, host name from the kernel. */
    public static ProbeSettings defaults() {
        return new ProbeSettings(Duration.ofSeconds(3), "nvidia-smi", "rocm-smi", Optional.empty());
    }
}
