package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link HardwareSnapshot} turned into the memory pools placement works with, plus the facts the
 * roofline needs (bandwidths, threads), and notes about anything assumed. Pools are sized from free
 * VRAM when known (else total) and available RAM; the reserve kept free is
 * {@link EstimatorSettings#reserveBytes} of the pool's total.
 */
final class MachineView {
    /**
     * Bandwidth a discrete GPU the device table did not know is graded on, GB/s: the low end of current
     * discrete GPUs (an RTX 4060 has 272 GB/s), so unknown devices err slow. An assumption, stated in notes;
     * the snapshot itself reports the bandwidth as unknown ({@code null}).
     */
    static final double UNKNOWN_GPU_BANDWIDTH_GBPS = dev.fitd.hardware.GpuCompletion.UNKNOWN_DISCRETE_GBPS;
    /** Threads assumed when the snapshot has no CPU facts. */
    static final int UNKNOWN_THREADS = 4;

    final Placer.Machine machine;
    final int threads;
    final double ramBandwidthGbps;
    final boolean apple;
    final List<String> notes = new ArrayList<>();

    MachineView(HardwareSnapshot hw, EstimatorSettings s) {
        long ramTotal = hw.memory().totalBytes();
        long ramCap = hw.memory().availableBytes();
        ramBandwidthGbps = hw.memory().bandwidthGbps();
        Placer.Pool ram = new Placer.Pool("system RAM", -1, Backend.CPU, ramCap, ramCap - s.reserveBytes(ramTotal),
                ramBandwidthGbps, null);
        int t = UNKNOWN_THREADS;
        if (hw.cpu() != null) {
            int physical = hw.cpu().physicalCores() > 0 ? hw.cpu().physicalCores() : hw.cpu().logicalCores();
            t = (int) Math.max(1, Math.min(physical, Math.floor(hw.cpu().usableCores())));
        }
        threads = s.autoThreads() ? s.calibration().usefulCpuThreads(t, ramBandwidthGbps) : t;
        List<Placer.Pool> gpus = new ArrayList<>();
        // A machine whose first GPU shares system memory (Apple silicon, DGX Spark) plans with that one GPU.
        boolean unified = hw.unifiedMemory();
        boolean isApple = false;
        for (int i = 0; i < hw.gpus().size(); i++) {
            Gpu g = hw.gpus().get(i);
            if (unified && (!g.unifiedMemory() || !gpus.isEmpty())) {
                continue;
            }
            Long cap = g.usableVramBytes();
            if (cap == null || g.vramTotalBytes() == null || g.backend() == Backend.CPU) {
                notes.add("memory of GPU " + g.name() + " is unknown; it was not planned with");
                continue;
            }
            if (unified) {
                isApple = g.backend() == Backend.METAL
                        || (g.name() != null && g.name().toLowerCase(Locale.ROOT).contains("apple"));
            }
            double bw;
            if (g.memoryBandwidthGbps() != null && g.memoryBandwidthGbps() > 0) {
                bw = g.memoryBandwidthGbps();
            } else if (g.unifiedMemory()) {
                bw = ramBandwidthGbps;
                notes.add("bandwidth of " + g.name() + " unknown: used the system memory's " + Math.round(bw) + " GB/s");
            } else {
                bw = UNKNOWN_GPU_BANDWIDTH_GBPS;
                notes.add("bandwidth of " + g.name() + " unknown (not in the device table): graded on a conservative "
                        + Math.round(bw) + " GB/s, the low end of current discrete GPUs");
            }
            int index = g.index() != null ? g.index() : i;
            gpus.add(new Placer.Pool(g.name(), index, g.backend(), cap, cap - s.reserveBytes(g.vramTotalBytes()), bw,
                    g.fp16Tflops()));
        }
        apple = isApple;
        machine = new Placer.Machine(List.copyOf(gpus), ram, unified && !gpus.isEmpty());
    }
}
