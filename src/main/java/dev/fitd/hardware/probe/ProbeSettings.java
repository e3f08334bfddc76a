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
 * @param applyContainerLimits whether the cgroup limits of fitd's own container bound RAM and CPU (true for a
 *        sidecar that shares the model server's limits; false for a DaemonSet that describes its node)
 */
public record ProbeSettings(Duration commandTimeout, String nvidiaSmi, String rocmSmi, Optional<String> nodeName,
                            boolean applyContainerLimits) {

    /** Container limits applied. */
    public ProbeSettings(Duration commandTimeout, String nvidiaSmi, String rocmSmi, Optional<String> nodeName) {
        this(commandTimeout, nvidiaSmi, rocmSmi, nodeName, true);
    }

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
