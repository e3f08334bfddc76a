package dev.fitd.hardware;

import java.util.List;

/**
 * What one GPU source found. Absent and failed are different facts: a machine without {@code nvidia-smi}
 * has no NVIDIA GPU to report (absent), while a {@code nvidia-smi} that hangs or prints garbage says
 * nothing about the GPUs (failed), so the probe keeps the previous snapshot's GPUs from that source.
 */
public sealed interface GpuReading {

    /** Devices found, in the tool's order; {@code notes} become snapshot warnings (e.g. a skipped line). */
    record Found(List<Gpu> gpus, List<String> notes) implements GpuReading {
        public Found {
            gpus = List.copyOf(gpus);
            notes = List.copyOf(notes);
        }
    }

    /** The source does not apply here (tool not installed, no such device, other OS). */
    record Absent(String why) implements GpuReading { }

    /** The source applies but could not be read now (timeout, non-zero exit, garbage). */
    record Failed(String why) implements GpuReading { }
}
