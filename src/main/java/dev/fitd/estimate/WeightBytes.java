package dev.fitd.estimate;

/**
 * Bytes of a model's weights at one quantization, split the way placement and the roofline need
 * them. All values in bytes.
 *
 * @param tokenEmbd the input embedding table (llama.cpp keeps it in host memory and reads one row per token)
 * @param output the output head; for a tied head, the device copy of the embedding llama.cpp makes
 * @param outputIsTiedCopy true when {@code output} duplicates {@code tokenEmbd} in memory but not in the file
 * @param layer per layer: everything except routed experts (attention, mixers, dense / shared FFN, router, norms)
 * @param expert per layer: the routed experts (0 in dense layers)
 * @param activeExpert per layer: routed-expert bytes one token reads ({@code expert × k / E})
 * @param other global tensors besides the embedding and head (position embeddings, final norm)
 * @param vision vision tower + projector (an mmproj file for GGUF), 0 when none
 */
public record WeightBytes(long tokenEmbd, long output, boolean outputIsTiedCopy, long[] layer, long[] expert,
                          long[] activeExpert, long other, long vision) {

    /**
     * These sizes scaled so that {@link #fileBytes()} equals {@code targetFileBytes}: every tensor group
     * keeps its share. Used when an installed file's exact size is known.
     */
    public WeightBytes scaledToFile(long targetFileBytes) {
        double f = (double) targetFileBytes / Math.max(1, fileBytes());
        WeightBytes scaled = new WeightBytes(Math.round(tokenEmbd * f), Math.round(output * f), outputIsTiedCopy,
                scale(layer, f), scale(expert, f), scale(activeExpert, f), Math.round(other * f), Math.round(vision * f));
        // Rounding leaves a few bytes over or under; the embedding table absorbs them so the file size is exact.
        long rest = targetFileBytes - scaled.fileBytes();
        return new WeightBytes(scaled.tokenEmbd + rest, scaled.output, outputIsTiedCopy, scaled.layer, scaled.expert,
                scaled.activeExpert, scaled.other, scaled.vision);
    }

    private static long[] scale(long[] a, double f) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.round(a[i] * f);
        }
        return out;
    }

    /** Size of the weight file(s): what {@code llama-bench} prints as size, plus the projector. */
    public long fileBytes() {
        return tokenEmbd + (outputIsTiedCopy ? 0 : output) + other + vision + sum(layer) + sum(expert);
    }

    /** Memory the weights occupy once loaded, over all devices: the file plus a tied head's device copy. */
    public long residentBytes() {
        return fileBytes() + (outputIsTiedCopy ? output : 0);
    }

    /** Bytes of the repeating layers (experts included). */
    public long layersBytes() { return sum(layer) + sum(expert); }

    static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }
}
