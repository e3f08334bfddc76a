package dev.fitd.hardware;

/** One way of finding GPUs (a vendor tool, sysfs, OSHI). Implementations never throw. */
public interface GpuSource {

    /** Short name used in provenance and warnings and in {@link Gpu#source()}, e.g. {@code nvidia-smi}. */
    String name();

    GpuReading read();
}
