package dev.fitd.service;

import dev.fitd.config.HardwareConfig;
import dev.fitd.config.ServiceConfig;
import dev.fitd.hardware.HardwareProbe;
import dev.fitd.hardware.probe.HardwareProbes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the configured {@link HardwareProbe}: the real machine, or a profile file
 * ({@code fitd.hardware.profile}), with config overrides applied. A broken profile or override stops
 * start-up with a message naming the file or property.
 */
public class HardwareProducer {

    @Produces
    @Singleton
    HardwareProbe probe(HardwareConfig hardware, ServiceConfig service) {
        return HardwareProbes.configured(hardware.probeSettings(service.nodeName()), hardware.profile(),
                hardware.overrides());
    }
}
