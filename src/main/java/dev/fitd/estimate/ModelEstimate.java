package dev.fitd.estimate;

import java.util.List;

/**
 * The estimator's answer for one model on one machine.
 *
 * @param quant the quantization the figures are for (best that fits, or the forced one)
 * @param bitsPerWeight effective bits per weight of {@code quant} over the whole file (mix included)
 * @param runtime runtime the figures are for
 * @param contextTokens context (tokens per slot) the memory is sized for
 * @param memory memory at {@code quant} and {@code contextTokens}, all devices
 * @param availableBytes memory of the place(s) it was compared against (GPUs used, plus RAM when layers or experts live there)
 * @param runMode where the weights live
 * @param gpuLayers layers on GPU(s)
 * @param cpuLayers layers in system RAM
 * @param fits whether it fits at all
 * @param decodeTps decode tokens/s, null when it does not fit
 * @param prefillTps prompt-processing tokens/s, null when it does not fit
 * @param usableContext largest context that fits at {@code quant} in the same kind of placement, 0 when none
 * @param basis how {@code decodeTps} was computed, null when it does not fit
 * @param verifyCommand a {@code llama-bench} command that measures the same figure
 * @param notes plain-language remarks (why it does not fit, what was assumed)
 * @param devices what each device holds (GPUs in order, then system RAM)
 * @param fileBytes size of the weight files (GGUF + projector), what LM Studio calls size_bytes
 * @param kvBytesPerContextToken KV cache growth per extra token of context (all slots), bytes
 * @param cpuMoeLayers layers whose routed experts stay in system RAM ({@code --n-cpu-moe}), 0 otherwise
 */
public record ModelEstimate(
        String quant,
        double bitsPerWeight,
        InferenceRuntime runtime,
        int contextTokens,
        MemoryBreakdown memory,
        long availableBytes,
        RunMode runMode,
        int gpuLayers,
        int cpuLayers,
        boolean fits,
        Double decodeTps,
        Double prefillTps,
        int usableContext,
        EstimateBasis basis,
        String verifyCommand,
        List<String> notes,
        List<DeviceUse> devices,
        long fileBytes,
        long kvBytesPerContextToken,
        int cpuMoeLayers) {

    public ModelEstimate {
        notes = List.copyOf(notes);
        devices = List.copyOf(devices);
    }

    /** The original sixteen-field form (no per-device detail). */
    public ModelEstimate(String quant, double bitsPerWeight, InferenceRuntime runtime, int contextTokens,
                         MemoryBreakdown memory, long availableBytes, RunMode runMode, int gpuLayers, int cpuLayers,
                         boolean fits, Double decodeTps, Double prefillTps, int usableContext, EstimateBasis basis,
                         String verifyCommand, List<String> notes) {
        this(quant, bitsPerWeight, runtime, contextTokens, memory, availableBytes, runMode, gpuLayers, cpuLayers, fits,
                decodeTps, prefillTps, usableContext, basis, verifyCommand, notes, List.of(), memory.weightsBytes(), 0, 0);
    }

    /** This estimate with {@code extra} appended to its notes. */
    public ModelEstimate withNotes(List<String> extra) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(extra);
        return new ModelEstimate(quant, bitsPerWeight, runtime, contextTokens, memory, availableBytes, runMode, gpuLayers,
                cpuLayers, fits, decodeTps, prefillTps, usableContext, basis, verifyCommand, all, devices, fileBytes,
                kvBytesPerContextToken, cpuMoeLayers);
    }

    /** Required memory as a share of available memory, in percent (may exceed 100). */
    public double utilizationPercent() {
        return availableBytes <= 0 ? Double.POSITIVE_INFINITY : 100.0 * memory.totalBytes() / availableBytes;
    }

    /**
     * How full the placement is, 0–1 (may exceed 1): {@link #peakUtilization(RunMode, List)} of this estimate's
     * devices. Falls back to {@link #utilizationPercent()} when no per-device detail exists.
     */
    public double peakUtilization() {
        return devices.isEmpty() ? utilizationPercent() / 100 : peakUtilization(runMode, devices);
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
