package dev.fitd.config;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.MachineOverrides;
import dev.fitd.hardware.probe.ProbeSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@code fitd.hardware.*}: how the machine is probed, and corrections to what the probe finds. Every key
 * can also be set as an environment variable ({@code FITD_HARDWARE_RAM_GB=64}). Sizes in GiB (2^30 bytes),
 * bandwidths in GB/s (10^9 bytes/s). Pure code never sees this interface: {@link #probeSettings} and
 * {@link #overrides} turn it into plain values.
 */
@ConfigMapping(prefix = "fitd.hardware")
public interface HardwareConfig {

    /** How often the background refresh probes again (free memory changes as models load). */
    @WithDefault("10s")
    Duration refreshInterval();

    /** How long one vendor tool ({@code nvidia-smi}, {@code rocm-smi}, ...) may run before it is killed. */
    @WithDefault("3s")
    Duration commandTimeout();

    /** The {@code nvidia-smi} executable; a bare name is looked up on PATH. */
    @WithDefault("nvidia-smi")
    String nvidiaSmi();

    /** The {@code rocm-smi} executable; a bare name is looked up on PATH. */
    @WithDefault("rocm-smi")
    String rocmSmi();

    /**
     * A JSON hardware profile (the shape of {@code /api/v1/system}'s {@code system} object) that replaces
     * probing entirely; see {@code config/*.example.json}.
     */
    Optional<Path> profile();

    /** Total RAM; also the available RAM unless {@link #availableRamGb()} is set. */
    OptionalDouble ramGb();

    /** RAM available to a new model. */
    OptionalDouble availableRamGb();

    /** Memory of each GPU. */
    OptionalDouble vramGb();

    /** GPU or chip name (e.g. {@code NVIDIA GeForce RTX 4090}, {@code Apple M2 Max}); {@code none} removes GPUs. */
    Optional<String> gpuName();

    /** Number of identical GPUs; 0 removes GPUs. */
    OptionalInt gpuCount();

    /** Usable CPU cores. */
    OptionalInt cpuCores();

    /** Memory bandwidth of each GPU. */
    OptionalDouble gpuBandwidthGbps();

    /** System RAM bandwidth (the default is an assumption; see the warning in {@code /api/v1/system}). */
    OptionalDouble ramBandwidthGbps();

    /** Whether the GPUs share system RAM. */
    Optional<Boolean> unifiedMemory();

    /** llama.cpp backend of the GPUs: cuda, rocm, metal, vulkan, sycl or cpu. */
    Optional<String> backend();

    /**
     * Whether the cgroup limits of fitd's own container bound the RAM and CPU it reports (the default:
     * fitd as a sidecar sharing a model server's limits). {@code false} for a DaemonSet that describes its
     * node to the scheduler (node labels): its own 256 MiB limit says nothing about the node.
     */
    @WithDefault("true")
    boolean applyContainerLimits();

    /** The probe's plain settings. @param nodeName the configured node name, if any */
    default ProbeSettings probeSettings(Optional<String> nodeName) {
        return new ProbeSettings(commandTimeout(), nvidiaSmi(), rocmSmi(), nodeName, applyContainerLimits());
    }

    /**
     * The configured overrides as a plain value ({@link MachineOverrides#NONE} when none are set).
     *
     * @throws IllegalArgumentException naming the property, e.g. {@code fitd.hardware.ram-gb must be ...}
     */
    default MachineOverrides overrides() {
        Backend backend;
        try {
            backend = backend().map(HardwareDerivation::backend).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fitd.hardware.backend: " + e.getMessage());
        }
        try {
            return new MachineOverrides(
                    boxed(ramGb()), boxed(availableRamGb()), boxed(vramGb()),
                    cpuCores().isPresent() ? cpuCores().getAsInt() : null,
                    gpuName().orElse(null),
                    gpuCount().isPresent() ? gpuCount().getAsInt() : null,
                    boxed(gpuBandwidthGbps()), boxed(ramBandwidthGbps()),
                    unifiedMemory().orElse(null), backend);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int space = message.indexOf(' ');
            String field = space > 0 ? message.substring(0, space) : "";
            throw new IllegalArgumentException(field.matches("[a-z_]+")
                    ? "fitd.hardware." + field.replace('_', '-') + message.substring(space)
                    : "fitd.hardware: " + message, e);
        }
    }

    private static Double boxed(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }
}
