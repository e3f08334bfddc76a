package dev.fitd.estimate;

import java.util.List;

/**
 * The estimator's answer for one model on one machine.
 *
 * @param quant the quantization the figures are for (best that fits, or the forced one)
 * @param bitsPerWeight effective bits per weight of {@code quant}
 * @param runtime runtime the figures are for
 * @param contextTokens context the memory is sized for
 * @param memory memory at {@code quant} and {@code contextTokens}
 * @param availableBytes memory of the place(s) it was compared against
 * @param runMode where the weights live
 * @param gpuLayers layers on GPU(s)
 * @param cpuLayers layers in system RAM
 * @param fits whether it fits at all
 * @param decodeTps decode tokens/s, null when it does not fit
 * @param prefillTps prompt-processing tokens/s, null when it does not fit
 * @param usableContext largest context that fits at {@code quant}, 0 when none
 * @param basis how {@code decodeTps} was computed, null when it does not fit
 * @param verifyCommand a {@code llama-bench} command that measures the same figure
 * @param notes plain-language remarks (why it does not fit, what was assumed)
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
        List<String> notes) {

    public ModelEstimate {
        notes = List.copyOf(notes);
    }

    /** Required memory as a share of available memory, in percent (may exceed 100). */
    public double utilizationPercent() {
        return availableBytes <= 0 ? Double.POSITIVE_INFINITY : 100.0 * memory.totalBytes() / availableBytes;
    }
}
