package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Cpu;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.Memory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hardware snapshots for tests, with published bandwidths. Sizes in GiB. */
public final class TestMachines {
    static final long GIB = 1L << 30;

    private TestMachines() { }

    public static Gpu gpu(int index, String name, GpuVendor vendor, Backend backend, double vramGib, double bandwidth,
                          Double tflops, boolean unified) {
        long vram = (long) (vramGib * GIB);
        return new Gpu(index, null, name, vendor, backend, vram, vram, unified, bandwidth, tflops, null, null, "test");
    }

    public static Gpu rtx4090(int index) {
        return gpu(index, "NVIDIA GeForce RTX 4090", GpuVendor.NVIDIA, Backend.CUDA, 23.99, 1008, 330.3, false);
    }

    public static Gpu rtx3060(int index) {
        return gpu(index, "NVIDIA GeForce RTX 3060", GpuVendor.NVIDIA, Backend.CUDA, 12, 360, 51.2, false);
    }

    public static HardwareSnapshot machine(double ramGib, double ramBandwidth, int cores, Gpu... gpus) {
        long ram = (long) (ramGib * GIB);
        return new HardwareSnapshot(1, Instant.EPOCH, "test", "Linux",
                new Cpu("Test CPU", cores, cores * 2, cores, "x86_64"),
                new Memory(ram, ram, null, ramBandwidth), new ArrayList<>(List.of(gpus)), Map.of(), List.of());
    }

    /** A desktop: one RTX 4090, 64 GiB DDR5-5600 dual channel, 8 cores. */
    public static HardwareSnapshot desktop4090() {
        return machine(64, 89.6, 8, rtx4090(0));
    }

    /** Two RTX 4090s, 128 GiB. */
    public static HardwareSnapshot dual4090() {
        return machine(128, 89.6, 16, rtx4090(0), rtx4090(1));
    }

    /** A GPU-less server: 64 GiB, 8 channels DDR5-4800, 32 cores. */
    public static HardwareSnapshot cpuServer() {
        return machine(64, 307.2, 32);
    }

    /** A laptop without GPU: 16 GiB dual-channel DDR4-3200, 4 cores. */
    public static HardwareSnapshot cpuLaptop() {
        return machine(16, 51.2, 4);
    }

    /** Apple M2 Max, 64 GiB, Metal may use 75 % (48 GiB). */
    public static HardwareSnapshot m2Max64() {
        return machine(64, 400, 12, gpu(0, "Apple M2 Max", GpuVendor.APPLE, Backend.METAL, 48, 400, 13.6, true));
    }
}
