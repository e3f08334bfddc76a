package dev.fitd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.MachineOverrides;
import dev.fitd.hardware.probe.ProbeSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapping through SmallRye Config with Quarkus's Duration converter (no Quarkus boot): defaults, conversion, errors. */
class HardwareConfigTest {

    private static HardwareConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(HardwareConfig.class)
                // Quarkus registers this converter; it accepts "10s" as well as ISO-8601 "PT10S"
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(HardwareConfig.class);
    }

    @Test
    void defaults() {
        HardwareConfig c = config(Map.of());
        assertEquals(Duration.ofSeconds(10), c.refreshInterval());
        assertEquals(Duration.ofSeconds(3), c.commandTimeout());
        assertEquals(Optional.empty(), c.profile());
        assertEquals(MachineOverrides.NONE, c.overrides());
        assertEquals(new ProbeSettings(Duration.ofSeconds(3), "nvidia-smi", "rocm-smi", Optional.empty()),
                c.probeSettings(Optional.empty()));
    }

    @Test
    void everyOverride() {
        HardwareConfig c = config(Map.ofEntries(
                Map.entry("fitd.hardware.refresh-interval", "30s"),
                Map.entry("fitd.hardware.command-timeout", "PT5S"),
                Map.entry("fitd.hardware.nvidia-smi", "/usr/local/bin/nvidia-smi"),
                Map.entry("fitd.hardware.profile", "config/profile.rtx4090.example.json"),
                Map.entry("fitd.hardware.ram-gb", "64"),
                Map.entry("fitd.hardware.available-ram-gb", "48"),
                Map.entry("fitd.hardware.vram-gb", "24"),
                Map.entry("fitd.hardware.gpu-name", "NVIDIA GeForce RTX 4090"),
                Map.entry("fitd.hardware.gpu-count", "2"),
                Map.entry("fitd.hardware.cpu-cores", "16"),
                Map.entry("fitd.hardware.gpu-bandwidth-gbps", "1000"),
                Map.entry("fitd.hardware.ram-bandwidth-gbps", "89.6"),
                Map.entry("fitd.hardware.unified-memory", "false"),
                Map.entry("fitd.hardware.backend", "Vulkan")));
        assertEquals(Duration.ofSeconds(30), c.refreshInterval());
        assertEquals(Duration.ofSeconds(5), c.probeSettings(Optional.of("n1")).commandTimeout());
        assertEquals("/usr/local/bin/nvidia-smi", c.probeSettings(Optional.empty()).nvidiaSmi());
        assertEquals(Optional.of(Path.of("config/profile.rtx4090.example.json")), c.profile());
        assertEquals(new MachineOverrides(64.0, 48.0, 24.0, 16, "NVIDIA GeForce RTX 4090", 2, 1000.0, 89.6, false, Backend.VULKAN),
                c.overrides());
    }

    @Test
    void impossibleValuesNameTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("fitd.hardware.ram-gb", "-4")).overrides());
        assertTrue(e.getMessage().startsWith("fitd.hardware.ram-gb must be a positive number"), e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("fitd.hardware.backend", "opencl")).overrides());
        assertTrue(b.getMessage().startsWith("fitd.hardware.backend: unknown backend 'opencl'"), b.getMessage());
    }
}
