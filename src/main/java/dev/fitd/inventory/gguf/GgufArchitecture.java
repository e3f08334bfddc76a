package dev.fitd.inventory.gguf;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.LayerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link GgufFacts} into the catalog's {@link Architecture}, so the estimator can size the KV
 * cache of a model found on disk exactly as it does for a catalog entry. Only stated facts are used;
 * where the metadata leaves a gap the result either takes the conservative reading (and says so in
 * {@link Result#notes()}) or is absent.
 */
public final class GgufArchitecture {

    /**
     * Sliding-window periods llama.cpp hard-codes for architectures whose GGUF files do not state a
     * pattern ({@code llama-model.cpp}, {@code hparams.set_swa_pattern(n)}): Gemma 2 alternates,
     * Gemma 3 has five sliding layers per full one, Cohere 2 three, gpt-oss alternates.
     */
    private static final Map<String, Integer> BUILT_IN_SWA_PERIOD = Map.of(
            "gemma2", 2, "gemma3", 6, "cohere2", 4, "gpt-oss", 2);

    private GgufArchitecture() { }

    /** The derived architecture (null when the facts are insufficient) and remarks on how. */
    public record Result(Architecture architecture, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** Derives an {@link Architecture}; never throws. */
    public static Result derive(GgufFacts f) {
        List<String> notes = new ArrayList<>();
        if (f.blockCount() == null || f.blockCount() <= 0 || f.embeddingLength() == null || f.embeddingLength() <= 0) {
            notes.add("metadata does not state block_count and embedding_length: architecture unknown");
            return new Result(null, notes);
        }
        int layers = f.blockCount();
        boolean pureSsm = f.hasSsm() && (f.headCount() == null || f.headCount() == 0);
        if (!pureSsm && (f.headCount() == null || f.headCount() <= 0)) {
            notes.add("metadata does not state attention.head_count: architecture unknown");
            return new Result(null, notes);
        }
        int heads = pureSsm ? 1 : f.headCount();
        int kvHeads = f.headCountKv() == null || f.headCountKv() <= 0 ? heads : f.headCountKv();
        int headDim = f.keyLength() != null && f.keyLength() > 0 ? f.keyLength() : (int) (f.embeddingLength() / heads);
        Integer vHeadDim = f.valueLength() != null && f.valueLength() > 0 && f.valueLength() != headDim ? f.valueLength() : null;

        Architecture.Mla mla = null;
        if (f.hasMla()) {
            int rope = f.ropeDimensionCount() == null ? 0 : f.ropeDimensionCount();
            int k = f.keyLengthMla() != null ? f.keyLengthMla() : headDim;
            int v = f.valueLengthMla() != null ? f.valueLengthMla() : (vHeadDim != null ? vHeadDim : headDim);
            mla = new Architecture.Mla(f.qLoraRank(), f.kvLoraRank(), rope, Math.max(0, k - rope), v);
        }

        Architecture.Moe moe = null;
        long ffn = f.feedForwardLength() == null ? 0 : f.feedForwardLength();
        if (f.isMoe()) {
            int dense = f.leadingDenseBlockCount() == null ? 0 : f.leadingDenseBlockCount();
            int step = f.moeLayerStep() == null || f.moeLayerStep() <= 0 ? 1 : f.moeLayerStep();
            long expertFfn = f.expertFeedForwardLength() != null ? f.expertFeedForwardLength() : ffn;
            moe = new Architecture.Moe(f.expertCount(), f.expertUsedCount() == null ? 0 : f.expertUsedCount(),
                    f.expertSharedCount() == null ? 0 : f.expertSharedCount(), expertFfn,
                    f.expertSharedFeedForwardLength(), dense, step);
            if (dense == 0 && step == 1) {
                ffn = 0;
            }
        }

        List<LayerKind> pattern = List.of(LayerKind.FULL);
        Integer window = f.slidingWindow() != null && f.slidingWindow() > 0 ? f.slidingWindow() : null;
        Architecture.LinearMixer linear = null;
        if (f.hasSsm()) {
            if (f.ssmConvKernel() == null || f.ssmConvKernel() <= 0) {
                notes.add("recurrent layers without ssm.conv_kernel: architecture unknown");
                return new Result(null, notes);
            }
            linear = new Architecture.LinearMixer("mamba2", f.ssmConvKernel(), f.ssmStateSize(), f.ssmInnerSize(),
                    f.ssmGroupCount(), f.ssmTimeStepRank(), null, null, null);
            if (pureSsm) {
                pattern = List.of(LayerKind.LINEAR);
            } else if (f.headCountKvPerLayer() != null && f.headCountKvPerLayer().size() == layers) {
                pattern = new ArrayList<>(layers);
                for (int kv : f.headCountKvPerLayer()) {
                    pattern.add(kv == 0 ? LayerKind.LINEAR : LayerKind.FULL);
                }
            } else {
                notes.add("recurrent and attention layers mixed without a per-layer layout: architecture unknown");
                return new Result(null, notes);
            }
        } else if (window != null) {
            List<Boolean> swa = f.slidingWindowLayers();
            if (swa == null && BUILT_IN_SWA_PERIOD.containsKey(f.architecture())) {
                int n = BUILT_IN_SWA_PERIOD.get(f.architecture());
                swa = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    swa.add(i < n - 1);
                }
                notes.add("sliding-window layout of " + f.architecture() + " taken from llama.cpp's built-in period " + n);
            }
            if (swa == null) {
                notes.add("sliding_window stated without a layer pattern: every layer counted as full attention (upper bound)");
            } else {
                pattern = new ArrayList<>(swa.size());
                for (boolean s : swa) {
                    pattern.add(s ? LayerKind.SLIDING : LayerKind.FULL);
                }
            }
        }
        long vocab = f.vocabSize() == null ? 0 : f.vocabSize();
        boolean tied = Boolean.TRUE.equals(f.tiedEmbeddings());
        Architecture arch = new Architecture(layers, f.embeddingLength(), ffn, null, heads, kvHeads, headDim, vHeadDim, null,
                vocab, tied, null, pattern, pattern.contains(LayerKind.SLIDING) ? window : null, linear, mla, moe);
        return new Result(arch, notes);
    }
}
