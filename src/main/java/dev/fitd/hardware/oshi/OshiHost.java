package dev.fitd.hardware.oshi;

import dev.fitd.hardware.HostSource;
import dev.fitd.hardware.ProcHost;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.PhysicalMemory;

/**
 * Host facts from OSHI: the portable source (Linux, macOS, Windows) for the CPU name and core counts, RAM
 * total and available, and the memory modules where the OS lets OSHI see them. OSHI ignores container
 * limits; the probe applies those itself. The first call costs 100-250 ms (JNA initialisation), later ones
 * about 10 ms, so one instance is kept for the life of the probe.
 */
public final class OshiHost implements HostSource {

    private final HardwareAbstractionLayer hal;

    public OshiHost() {
        this(new SystemInfo().getHardware());
    }

    OshiHost(HardwareAbstractionLayer hal) {
        this.hal = hal;
    }

    @Override
    public String name() {
        return "OSHI";
    }

    @Override
    public Optional<HostCpu> cpu() {
        CentralProcessor cpu = hal.getProcessor();
        String name = cpu.getProcessorIdentifier().getName();
        int physical = cpu.getPhysicalProcessorCount();
        int logical = cpu.getLogicalProcessorCount();
        return Optional.of(new HostCpu(
                name == null || name.isBlank() || name.equalsIgnoreCase("unknown") ? null : name.strip(),
                physical > 0 ? physical : null,
                logical > 0 ? logical : null,
                null,
                ProcHost.architecture(System.getProperty("os.arch"))));
    }

    @Override
    public Optional<HostMemory> memory() {
        GlobalMemory memory = hal.getMemory();
        long total = memory.getTotal();
        return total > 0 ? Optional.of(new HostMemory(total, Math.max(0, memory.getAvailable()))) : Optional.empty();
    }

    /** Module type and speed; on Linux OSHI needs dmidecode run as root, so this is usually empty there. */
    @Override
    public Optional<MemoryModules> memoryModules() {
        List<PhysicalMemory> modules = hal.getMemory().getPhysicalMemory().stream()
                .filter(m -> m.getCapacity() > 0)
                .toList();
        if (modules.isEmpty()) {
            return Optional.empty();
        }
        String type = modules.get(0).getMemoryType();
        if (type == null || type.isBlank() || type.toLowerCase(Locale.ROOT).contains("unknown")) {
            type = null;
        }
        long hz = modules.stream().mapToLong(PhysicalMemory::getClockSpeed).filter(s -> s > 0).min().orElse(0);
        return Optional.of(new MemoryModules(type, hz > 0 ? hz / 1_000_000 : null, modules.size()));
    }
}
