package dev.fitd.estimate;

import java.util.List;

/**
 * The estimator's answer for one model on one machine, in groups: what the weights weigh ({@link Size}), the
 * memory they and the KV cache and buffers take ({@link MemoryBreakdown}), where they live ({@link Placement}),
 * how fast they run ({@link Speed}) and at which context ({@link Context}). The flat accessors
 * ({@link #decodeTps()}, {@link #runMode()}, ...) read the groups.
 *
 * @param quant the quantization the figures are for (best that fits, or the forced one)
 * @param runtime runtime the figures are for
 * @param size what the weights weigh
 * @param memory memory at {@code quant} and the context, all devices
 * @param placement where the weights live
 * @param speed how fast, {@link Speed#UNKNOWN} when it does not fit (or nothing is known to compute it)
 * @param context the context the memory is sized for and the largest usable one
 * @param notes plain-language remarks (why it does not fit, what was assumed)
 */
public record ModelEstimate(String quant, InferenceRuntime runtime, Size size, MemoryBreakdown memory,
                            Placement placement, Speed speed, Context context, List<String> notes) {

    public ModelEstimate {
        notes = List.copyOf(notes);
    }

    /**
     * @param bitsPerWeight effective bits per weight of the quant over the whole file (mix included)
     * @param fileBytes size of the weight files (GGUF + projector), what LM Studio calls size_bytes
     * @param kvBytesPerContextToken KV cache growth per extra token of context (all slots), bytes
     */
    public record Size(double bitsPerWeight, long fileBytes, long kvBytesPerContextToken) { }

    /**
     * @param runMode where the weights live
     * @param fits whether it fits at all
     * @param gpuLayers layers on GPU(s)
     * @param cpuLayers layers in system RAM
     * @param cpuMoeLayers layers whose routed experts stay in system RAM ({@code --n-cpu-moe}), 0 otherwise
     * @param availableBytes memory of the place(s) it was compared against (GPUs used, plus RAM when layers or
     *        experts live there)
     * @param devices what each device holds (GPUs in order, then system RAM); empty when not placed per device
     */
    public record Placement(RunMode runMode, boolean fits, int gpuLayers, int cpuLayers, int cpuMoeLayers,
                            long availableBytes, List<DeviceUse> devices) {
        public Placement {
            devices = List.copyOf(devices);
        }

        /** A placement known only by its run mode and the memory it was compared against (no layers, no devices). */
        public static Placement withoutDevices(RunMode runMode, long availableBytes) {
            return new Placement(runMode, runMode != RunMode.NONE, 0, 0, 0, availableBytes, List.of());
        }
    }

    /**
     * @param decodeTps decode tokens/s, null when it does not fit
     * @param prefillTps prompt-processing tokens/s, null when it does not fit
     * @param basis how {@code decodeTps} was computed, null when it does not fit
     * @param verifyCommand a {@code llama-bench} command that measures the same figure, null when it does not fit
     */
    public record Speed(Double decodeTps, Double prefillTps, EstimateBasis basis, String verifyCommand) {
        /** No speed: the model does not fit, or nothing is known to compute one. */
        public static final Speed UNKNOWN = new Speed(null, null, null, null);
    }

    /**
     * @param tokens context (tokens per slot) the memory is sized for
     * @param usable largest context that fits at the quant in the same kind of placement, 0 when none
     */
    public record Context(int tokens, int usable) { }

    public double bitsPerWeight() { return size.bitsPerWeight(); }

    public long fileBytes() { return size.fileBytes(); }

    public long kvBytesPerContextToken() { return size.kvBytesPerContextToken(); }

    public RunMode runMode() { return placement.runMode(); }

    public boolean fits() { return placement.fits(); }

    public int gpuLayers() { return placement.gpuLayers(); }

    public int cpuLayers() { return placement.cpuLayers(); }

    public int cpuMoeLayers() { return placement.cpuMoeLayers(); }

    public long availableBytes() { return placement.availableBytes(); }

    public List<DeviceUse> devices() { return placement.devices(); }

    public Double decodeTps() { return speed.decodeTps(); }

    public Double prefillTps() { return speed.prefillTps(); }

    public EstimateBasis basis() { return speed.basis(); }

    public String verifyCommand() { return speed.verifyCommand(); }

    public int contextTokens() { return context.tokens(); }

    public int usableContext() { return context.usable(); }

    /** This estimate with {@code extra} appended to its notes. */
    public ModelEstimate withNotes(List<String> extra) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(extra);
        return new ModelEstimate(quant, runtime, size, memory, placement, speed, context, all);
    }

    /** This estimate with {@code usable} as its usable context. */
    public ModelEstimate withUsableContext(int usable) {
        return new ModelEstimate(quant, runtime, size, memory, placement, speed, new Context(context.tokens(), usable),
                notes);
    }

    /** Required memory as a share of available memory, in percent (may exceed 100). */
    public double utilizationPercent() {
        return availableBytes() <= 0 ? Double.POSITIVE_INFINITY : 100.0 * memory.totalBytes() / availableBytes();
    }

    /**
     * How full the placement is, 0–1 (may exceed 1): {@link #peakUtilization(RunMode, List)} of this estimate's
     * devices. Falls back to {@link #utilizationPercent()} when no per-device detail exists.
     */
    public double peakUtilization() {
        return devices().isEmpty() ? utilizationPercent() / 100 : peakUtilization(runMode(), devices());
    }

    /**
     * The one definition of how full a placement is, 0–1 (may exceed 1), read both by the estimator's size-first
     * quant pick (its comfort bars) and by the grader (fit level and fit score): the utilization of the fullest
     * device that holds part of the run. On discrete GPUs alone ({@code gpu}, {@code multi_gpu}) only the GPUs
     * count (system RAM then holds just the embedding table and host buffers); otherwise, MoE expert offload and
     * partial offload included, every device counts: an offload plan fills its GPUs up to their usable memory,
     * and that is how full they are (the grader's level does not hold it against such plans; the fit score's
     * offload factors and this figure together say how cramped the run is).
     */
    public static double peakUtilization(RunMode mode, List<DeviceUse> devices) {
        boolean discreteGpuRun = mode == RunMode.GPU || mode == RunMode.MULTI_GPU;
        double peak = 0;
        for (DeviceUse d : devices) {
            if (d.totalBytes() > 0 && (d.gpuIndex() >= 0 || !discreteGpuRun)) {
                peak = Math.max(peak, d.utilization());
            }
        }
        return peak;
    }
}
