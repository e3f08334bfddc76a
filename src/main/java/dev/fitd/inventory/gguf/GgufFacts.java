package dev.fitd.inventory.gguf;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The architecture facts a GGUF file (or Ollama's {@code /api/show} {@code model_info}, which is the
 * same metadata) states exactly, under llama.cpp's key names: {@code general.*} and
 * {@code <arch>.*} where {@code <arch>} is {@code general.architecture}. Every field is null when the
 * metadata does not state it. Per-layer arrays (some models give head counts or FFN sizes per layer)
 * are reduced to their maximum, and the per-layer KV head counts are kept in {@code headCountKvPerLayer}.
 *
 * @param architecture {@code general.architecture}, e.g. {@code llama}, {@code qwen3moe}, {@code gemma3}
 * @param name {@code general.name}
 * @param sizeLabel {@code general.size_label}, e.g. {@code 8B}, {@code 30B-A3B}
 * @param generalType {@code general.type}: {@code model}, {@code mmproj}, {@code adapter}…
 * @param fileType {@code general.file_type} (llama.cpp {@code llama_ftype})
 * @param parameterCount {@code general.parameter_count}
 * @param contextLength {@code <arch>.context_length}: training context in tokens
 * @param blockCount {@code <arch>.block_count}: layers
 * @param embeddingLength {@code <arch>.embedding_length}: hidden size
 * @param feedForwardLength {@code <arch>.feed_forward_length}
 * @param headCount {@code <arch>.attention.head_count}
 * @param headCountKv {@code <arch>.attention.head_count_kv}
 * @param headCountKvPerLayer the same when stated per layer (0 marks a layer without attention)
 * @param keyLength {@code <arch>.attention.key_length}: key head dimension
 * @param valueLength {@code <arch>.attention.value_length}: value head dimension
 * @param slidingWindow {@code <arch>.attention.sliding_window}: tokens
 * @param slidingWindowLayers {@code <arch>.attention.sliding_window_pattern} expanded to one flag per
 *        layer of one period (true: sliding), null when not stated
 * @param expertCount {@code <arch>.expert_count}
 * @param expertUsedCount {@code <arch>.expert_used_count}
 * @param expertSharedCount {@code <arch>.expert_shared_count}
 * @param expertFeedForwardLength {@code <arch>.expert_feed_forward_length}
 * @param expertSharedFeedForwardLength {@code <arch>.expert_shared_feed_forward_length}
 * @param leadingDenseBlockCount {@code <arch>.leading_dense_block_count}
 * @param moeLayerStep {@code <arch>.interleave_moe_layer_step}
 * @param kvLoraRank {@code <arch>.attention.kv_lora_rank} (multi-head latent attention)
 * @param qLoraRank {@code <arch>.attention.q_lora_rank}
 * @param keyLengthMla {@code <arch>.attention.key_length_mla}
 * @param valueLengthMla {@code <arch>.attention.value_length_mla}
 * @param ropeDimensionCount {@code <arch>.rope.dimension_count}
 * @param vocabSize {@code <arch>.vocab_size}, else the length of {@code tokenizer.ggml.tokens}
 * @param poolingType {@code <arch>.pooling_type}: set by embedding and reranking models
 * @param ssmConvKernel {@code <arch>.ssm.conv_kernel}
 * @param ssmStateSize {@code <arch>.ssm.state_size}
 * @param ssmInnerSize {@code <arch>.ssm.inner_size}
 * @param ssmGroupCount {@code <arch>.ssm.group_count}
 * @param ssmTimeStepRank {@code <arch>.ssm.time_step_rank}: SSM heads
 * @param tiedEmbeddings true when the file has no {@code output.weight} tensor; null when unknown
 * @param basename {@code general.basename}, e.g. {@code Meta-Llama-3.1}: with {@code sizeLabel} and
 *        {@code finetune} it names the model whatever the file is called (name resolution)
 * @param finetune {@code general.finetune}, e.g. {@code Instruct}
 */
public record GgufFacts(
        String architecture, String name, String sizeLabel, String generalType, Integer fileType,
        Long parameterCount, Integer contextLength, Integer blockCount, Long embeddingLength,
        Long feedForwardLength, Integer headCount, Integer headCountKv, List<Integer> headCountKvPerLayer,
        Integer keyLength, Integer valueLength, Integer slidingWindow, List<Boolean> slidingWindowLayers,
        Integer expertCount, Integer expertUsedCount, Integer expertSharedCount, Long expertFeedForwardLength,
        Long expertSharedFeedForwardLength, Integer leadingDenseBlockCount, Integer moeLayerStep,
        Integer kvLoraRank, Integer qLoraRank, Integer keyLengthMla, Integer valueLengthMla,
        Integer ropeDimensionCount, Long vocabSize, Integer poolingType, Integer ssmConvKernel,
        Integer ssmStateSize, Integer ssmInnerSize, Integer ssmGroupCount, Integer ssmTimeStepRank,
        Boolean tiedEmbeddings, String basename, String finetune) {

    public GgufFacts {
        headCountKvPerLayer = headCountKvPerLayer == null ? null : List.copyOf(headCountKvPerLayer);
        slidingWindowLayers = slidingWindowLayers == null ? null : List.copyOf(slidingWindowLayers);
    }

    /**
     * Reads the facts from a metadata map whose values are numbers, strings, booleans, lists (Jackson)
     * or {@link GgufArray}s (GGUF reader). Wrongly typed values are treated as absent.
     *
     * @param tiedEmbeddings whether the output head is tied, null when unknown
     */
    public static GgufFacts fromMetadata(Map<String, ?> md, Boolean tiedEmbeddings) {
        String arch = str(md.get("general.architecture"));
        String p = (arch == null ? "" : arch) + ".";
        Long vocab = lng(md.get(p + "vocab_size"));
        if (vocab == null) {
            vocab = length(md.get("tokenizer.ggml.tokens"));
        }
        List<Integer> kvPerLayer = ints(md.get(p + "attention.head_count_kv"));
        return new GgufFacts(
                arch,
                str(md.get("general.name")),
                str(md.get("general.size_label")),
                str(md.get("general.type")),
                integer(md.get("general.file_type")),
                lng(md.get("general.parameter_count")),
                integer(md.get(p + "context_length")),
                integer(md.get(p + "block_count")),
                lng(md.get(p + "embedding_length")),
                maxLong(md.get(p + "feed_forward_length")),
                maxInt(md.get(p + "attention.head_count")),
                maxInt(md.get(p + "attention.head_count_kv")),
                kvPerLayer != null && kvPerLayer.size() > 1 ? kvPerLayer : null,
                integer(md.get(p + "attention.key_length")),
                integer(md.get(p + "attention.value_length")),
                integer(md.get(p + "attention.sliding_window")),
                swaLayers(md.get(p + "attention.sliding_window_pattern")),
                integer(md.get(p + "expert_count")),
                integer(md.get(p + "expert_used_count")),
                integer(md.get(p + "expert_shared_count")),
                lng(md.get(p + "expert_feed_forward_length")),
                lng(md.get(p + "expert_shared_feed_forward_length")),
                integer(md.get(p + "leading_dense_block_count")),
                integer(md.get(p + "interleave_moe_layer_step")),
                integer(md.get(p + "attention.kv_lora_rank")),
                integer(md.get(p + "attention.q_lora_rank")),
                integer(md.get(p + "attention.key_length_mla")),
                integer(md.get(p + "attention.value_length_mla")),
                integer(md.get(p + "rope.dimension_count")),
                vocab,
                integer(md.get(p + "pooling_type")),
                integer(md.get(p + "ssm.conv_kernel")),
                integer(md.get(p + "ssm.state_size")),
                integer(md.get(p + "ssm.inner_size")),
                integer(md.get(p + "ssm.group_count")),
                integer(md.get(p + "ssm.time_step_rank")),
                tiedEmbeddings,
                str(md.get("general.basename")),
                str(md.get("general.finetune")));
    }

    /** Quantization name of {@link #fileType()} ({@code Q4_K_M}, {@code F16}…), null when unknown. */
    public String fileTypeName() {
        return fileType == null ? null : FileTypes.name(fileType);
    }

    /** True for embedding and reranking models (they declare a pooling type). */
    public boolean isEmbedding() {
        return poolingType != null && poolingType > 0;
    }

    /** True for vision projector files ({@code general.type = mmproj} or architecture {@code clip}). */
    public boolean isProjector() {
        return "mmproj".equals(generalType) || "clip".equals(architecture);
    }

    /** True when the model has multi-head latent attention. */
    public boolean hasMla() { return kvLoraRank != null && kvLoraRank > 0; }

    /** True when the model routes tokens to experts. */
    public boolean isMoe() { return expertCount != null && expertCount > 0; }

    /** True when the model has recurrent (SSM) layers. */
    public boolean hasSsm() { return ssmConvKernel != null || ssmStateSize != null; }

    // ---- value coercion --------------------------------------------------------------------

    static String str(Object v) {
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    static Long lng(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if ((v instanceof Double || v instanceof Float) && ((Number) v).doubleValue() == Math.rint(((Number) v).doubleValue())
                && Math.abs(((Number) v).doubleValue()) < 9.0e15) {
            return ((Number) v).longValue();
        }
        return null;
    }

    static Integer integer(Object v) {
        Long l = lng(v);
        return l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? null : l.intValue();
    }

    private static List<?> list(Object v) {
        if (v instanceof GgufArray a) {
            return a.retained() ? a.values() : null;
        }
        return v instanceof List<?> l ? l : null;
    }

    private static Long length(Object v) {
        if (v instanceof GgufArray a) {
            return a.length();
        }
        return v instanceof List<?> l && !l.isEmpty() ? (long) l.size() : null;
    }

    private static List<Integer> ints(Object v) {
        List<?> l = list(v);
        if (l == null) {
            Integer one = integer(v);
            return one == null ? null : List.of(one);
        }
        List<Integer> out = new ArrayList<>(l.size());
        for (Object o : l) {
            Integer i = integer(o);
            if (i == null) {
                return null;
            }
            out.add(i);
        }
        return out.isEmpty() ? null : out;
    }

    private static Integer maxInt(Object v) {
        List<Integer> l = ints(v);
        return l == null ? null : l.stream().max(Integer::compare).orElse(null);
    }

    private static Long maxLong(Object v) {
        List<?> l = list(v);
        if (l == null) {
            return lng(v);
        }
        Long max = null;
        for (Object o : l) {
            Long x = lng(o);
            if (x != null && (max == null || x > max)) {
                max = x;
            }
        }
        return max;
    }

    /**
     * A sliding-window pattern as one period of per-layer flags. An integer {@code n} follows
     * llama.cpp's {@code set_swa_pattern(n)}: in each period of {@code n} layers the first {@code n-1}
     * slide and the last is full ({@code n = 0} or 1: none slide). A boolean array is taken verbatim.
     */
    private static List<Boolean> swaLayers(Object v) {
        Integer n = integer(v);
        if (n != null) {
            if (n <= 1) {
                return null;
            }
            List<Boolean> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(i < n - 1);
            }
            return out;
        }
        List<?> l = list(v);
        if (l == null || l.isEmpty()) {
            return null;
        }
        List<Boolean> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (!(o instanceof Boolean b)) {
                return null;
            }
            out.add(b);
        }
        return out;
    }
}
