package dev.fitd.estimate;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.LayerKind;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import java.time.LocalDate;
import java.util.List;

/**
 * Model specs built directly from their published {@code config.json} values, so estimator tests do not
 * depend on catalog files others are still writing. Parameter counts are the publishers'.
 */
public final class TestModels {
    private TestModels() { }

    /** A builder over the architecture fields; everything else gets a plain default. */
    public static final class B {
        String key = "test/model";
        ModelType type = ModelType.LLM;
        UseCase useCase = UseCase.CHAT;
        long params;
        Long active;
        boolean activeExcludesEmbedding;
        int maxContext = 131072;
        String nativeDtype = "bf16";
        List<String> formats = List.of("gguf", "mlx");
        ModelSpec.Vision vision;
        int layers;
        long hidden;
        long ffn;
        Boolean gated;
        int heads;
        int kvHeads;
        int headDim;
        Integer vHeadDim;
        Boolean outputGate;
        long vocab;
        boolean tied;
        Integer positions;
        List<LayerKind> pattern;
        Integer window;
        Architecture.LinearMixer linear;
        Architecture.Mla mla;
        Architecture.Moe moe;

        public B key(String k) { key = k; return this; }
        public B type(ModelType t) { type = t; return this; }
        public B useCase(UseCase u) { useCase = u; return this; }
        public B params(long p) { params = p; return this; }
        public B active(long a, boolean excludesEmbedding) { active = a; activeExcludesEmbedding = excludesEmbedding; return this; }
        public B maxContext(int c) { maxContext = c; return this; }
        public B nativeDtype(String d) { nativeDtype = d; return this; }
        public B formats(String... f) { formats = List.of(f); return this; }
        public B vision(long p) { vision = new ModelSpec.Vision(p); return this; }
        public B dims(int layers, long hidden, long ffn, int heads, int kvHeads, int headDim, long vocab, boolean tied) {
            this.layers = layers; this.hidden = hidden; this.ffn = ffn; this.heads = heads; this.kvHeads = kvHeads;
            this.headDim = headDim; this.vocab = vocab; this.tied = tied;
            return this;
        }
        public B ungated() { gated = false; return this; }
        public B vHeadDim(int v) { vHeadDim = v; return this; }
        public B attentionOutputGate() { outputGate = true; return this; }
        public B positions(int p) { positions = p; return this; }
        public B pattern(int window, LayerKind... kinds) { this.window = window; pattern = List.of(kinds); return this; }
        public B hybrid(Architecture.LinearMixer lin, LayerKind... kinds) { linear = lin; pattern = List.of(kinds); return this; }
        public B mla(Architecture.Mla m) { mla = m; return this; }
        public B moe(int experts, int perToken, int shared, long expertFfn, int denseLayers) {
            moe = new Architecture.Moe(experts, perToken, shared, expertFfn, null, denseLayers, 1);
            return this;
        }

        public ModelSpec build() {
            Architecture a = new Architecture(layers, hidden, ffn, gated, heads, kvHeads, headDim, vHeadDim, outputGate, vocab, tied,
                    positions, pattern, window, linear, mla, moe);
            String name = key.substring(key.indexOf('/') + 1);
            return new ModelSpec(key, name, key.substring(0, key.indexOf('/')), "Test", type, "llama", params, active,
                    activeExcludesEmbedding, false, "1B", LocalDate.of(2024, 1, 1), "test", maxContext, useCase,
                    type == ModelType.EMBEDDING ? null : "instruct", nativeDtype,
                    new Capabilities(vision != null, false, null), formats, List.of(), vision,
                    type == ModelType.EMBEDDING ? (int) hidden : null, a);
        }
    }

    public static B model(String key) { return new B().key(key); }

    /** Llama-3-8B / 3.1-8B: 8.03 B, GQA 32/8, vocab 128256. */
    public static ModelSpec llama3_8b() {
        return model("meta-llama/Llama-3.1-8B-Instruct").params(8_030_261_248L)
                .dims(32, 4096, 14336, 32, 8, 128, 128256, false).build();
    }

    /** LLaMA-2-7B (and LLaMA-1 7B): 6.74 B, full multi-head attention, vocab 32000. */
    public static ModelSpec llama2_7b() {
        return model("meta-llama/Llama-2-7b-hf").params(6_738_415_616L).maxContext(4096)
                .dims(32, 4096, 11008, 32, 32, 128, 32000, false).build();
    }

    /** LLaMA-1 13B: 13.02 B. */
    public static ModelSpec llama_13b() {
        return model("huggyllama/llama-13b").params(13_015_864_320L).maxContext(2048)
                .dims(40, 5120, 13824, 40, 40, 128, 32000, false).build();
    }

    /** LLaMA-1 33B ("30B"): 32.5 B. */
    public static ModelSpec llama_33b() {
        return model("huggyllama/llama-30b").params(32_528_943_616L).maxContext(2048)
                .dims(60, 6656, 17920, 52, 52, 128, 32000, false).build();
    }

    /** Llama-3.2-3B: 3.21 B, tied embeddings. */
    public static ModelSpec llama32_3b() {
        return model("meta-llama/Llama-3.2-3B-Instruct").params(3_212_749_824L)
                .dims(28, 3072, 8192, 24, 8, 128, 128256, true).build();
    }

    /** Mistral-7B v0.1/v0.2: 7.24 B, vocab 32000 (llama.cpp runs it as plain llama, no sliding window). */
    public static ModelSpec mistral7b() {
        return model("mistralai/Mistral-7B-Instruct-v0.2").params(7_241_732_096L).maxContext(32768)
                .dims(32, 4096, 14336, 32, 8, 128, 32000, false).build();
    }

    /** Mistral-7B v0.3: vocab 32768. */
    public static ModelSpec mistral7bV3() {
        return model("mistralai/Mistral-7B-Instruct-v0.3").params(7_248_023_552L).maxContext(32768)
                .dims(32, 4096, 14336, 32, 8, 128, 32768, false).build();
    }

    /** Qwen2.5(-Coder)-3B: 3.09 B, tied embeddings, GQA 16/2. */
    public static ModelSpec qwen25_3b(boolean separateHead) {
        return model("Qwen/Qwen2.5-Coder-3B-Instruct").params(3_085_938_688L).maxContext(32768)
                .dims(36, 2048, 11008, 16, 2, 128, 151936, !separateHead).build();
    }

    /** Qwen2.5(-Coder)-7B: 7.62 B. */
    public static ModelSpec qwen25_7b() {
        return model("Qwen/Qwen2.5-Coder-7B-Instruct").params(7_615_616_512L).maxContext(32768)
                .dims(28, 3584, 18944, 28, 4, 128, 152064, false).build();
    }

    /** Qwen3-32B: 32.76 B. */
    public static ModelSpec qwen3_32b() {
        return model("Qwen/Qwen3-32B").params(32_762_123_264L).maxContext(40960)
                .dims(64, 5120, 25600, 64, 8, 128, 151936, false).build();
    }

    /** Gemma-3-4B (text part): 3.88 B, 5 sliding (1024) : 1 global, head dim 256, tied. */
    public static ModelSpec gemma3_4b() {
        return model("google/gemma-3-4b-it").params(3_880_263_168L).vision(419_000_000L)
                .dims(34, 2560, 10240, 8, 4, 256, 262208, true)
                .pattern(1024, LayerKind.SLIDING, LayerKind.SLIDING, LayerKind.SLIDING, LayerKind.SLIDING,
                        LayerKind.SLIDING, LayerKind.FULL).build();
    }

    /** Gemma-2-27B: 27.2 B, alternating sliding (4096) / global, tied. */
    public static ModelSpec gemma2_27b() {
        return model("google/gemma-2-27b-it").params(27_227_128_320L).maxContext(8192)
                .dims(46, 4608, 36864, 32, 16, 128, 256000, true)
                .pattern(4096, LayerKind.SLIDING, LayerKind.FULL).build();
    }

    /** Phi-2: 2.78 B, GELU MLP, vocab 51200. */
    public static ModelSpec phi2() {
        return model("microsoft/phi-2").params(2_779_683_840L).maxContext(2048)
                .dims(32, 2560, 10240, 32, 32, 80, 51200, false).ungated().build();
    }

    /** TinyLlama-1.1B: 1.10 B, GQA 32/4. */
    public static ModelSpec tinyLlama() {
        return model("TinyLlama/TinyLlama-1.1B-Chat-v1.0").params(1_100_048_384L).maxContext(2048)
                .dims(22, 2048, 5632, 32, 4, 64, 32000, false).build();
    }

    /** Mixtral-8x7B: 46.7 B total, 12.9 B active, 8 experts top-2. */
    public static ModelSpec mixtral() {
        return model("mistralai/Mixtral-8x7B-Instruct-v0.1").params(46_702_792_704L).active(12_879_921_152L, false)
                .maxContext(32768).dims(32, 4096, 0, 32, 8, 128, 32000, false).moe(8, 2, 0, 14336, 0).build();
    }

    /** gpt-oss-20b: 20.9 B total, 3.6 B active, 32 experts top-4, alternating 128-token sliding window. */
    public static ModelSpec gptOss20b() {
        return model("openai/gpt-oss-20b").params(20_914_757_184L).active(3_610_000_000L, true).nativeDtype("mxfp4")
                .formats("gguf").dims(24, 2880, 0, 64, 8, 64, 201088, false).moe(32, 4, 0, 2880, 0)
                .pattern(128, LayerKind.SLIDING, LayerKind.FULL).build();
    }

    /** gpt-oss-120b: 116.8 B total, 5.1 B active, 128 experts top-4. */
    public static ModelSpec gptOss120b() {
        return model("openai/gpt-oss-120b").params(116_829_156_672L).active(5_130_000_000L, true).nativeDtype("mxfp4")
                .formats("gguf").dims(36, 2880, 0, 64, 8, 64, 201088, false).moe(128, 4, 0, 2880, 0)
                .pattern(128, LayerKind.SLIDING, LayerKind.FULL).build();
    }

    /** Qwen3-30B-A3B: 30.5 B total, 3.3 B active, 128 experts top-8. */
    public static ModelSpec qwen3_30b_a3b() {
        return model("Qwen/Qwen3-30B-A3B").params(30_532_122_624L).active(3_340_000_000L, false).maxContext(40960)
                .dims(48, 2048, 0, 32, 4, 128, 151936, false).moe(128, 8, 0, 768, 0).build();
    }

    /** DeepSeek-V3: 671 B total, 37 B active, MLA (kv_lora_rank 512, rope 64), 3 dense layers, 1 shared expert. */
    public static ModelSpec deepseekV3() {
        return model("deepseek-ai/DeepSeek-V3").params(671_026_419_200L).active(37_000_000_000L, false)
                .maxContext(163840).nativeDtype("fp8").formats("gguf")
                .dims(61, 7168, 18432, 128, 128, 192, 129280, false)
                .mla(new Architecture.Mla(1536, 512, 64, 128, 128)).moe(256, 8, 1, 2048, 3).build();
    }

    /**
     * Qwen3-Next-80B-A3B: 48 layers, 3 Gated DeltaNet : 1 full attention with an output gate, 512 experts
     * top-10 + 1 shared.
     */
    public static ModelSpec qwen3Next() {
        return model("Qwen/Qwen3-Next-80B-A3B-Instruct").params(81_300_000_000L).active(3_000_000_000L, false)
                .maxContext(262144).dims(48, 2048, 0, 16, 2, 256, 151936, false).attentionOutputGate()
                .moe(512, 10, 1, 512, 0)
                .hybrid(new Architecture.LinearMixer("gated_deltanet", 4, null, null, null, 32, 16, 128, 128),
                        LayerKind.LINEAR, LayerKind.LINEAR, LayerKind.LINEAR, LayerKind.FULL).build();
    }

    /** Granite-4.0-H-Small-like hybrid: Mamba2 layers with one attention layer in ten. */
    public static ModelSpec graniteHybrid() {
        return model("ibm-granite/granite-4.0-h-tiny").params(6_940_000_000L).active(1_000_000_000L, false)
                .maxContext(131072).dims(40, 1536, 0, 12, 4, 128, 100352, true).moe(64, 6, 1, 512, 0)
                .hybrid(new Architecture.LinearMixer("mamba2", 4, 128, 3072, 1, 48, null, null, null),
                        LayerKind.LINEAR, LayerKind.LINEAR, LayerKind.LINEAR, LayerKind.LINEAR, LayerKind.LINEAR,
                        LayerKind.FULL, LayerKind.LINEAR, LayerKind.LINEAR, LayerKind.LINEAR, LayerKind.LINEAR)
                .build();
    }

    /** nomic-embed-text-v1.5: BERT-style encoder, 137 M, 2048 tokens, no output head. */
    public static ModelSpec nomicEmbed() {
        return model("nomic-ai/nomic-embed-text-v1.5").type(ModelType.EMBEDDING).useCase(UseCase.EMBEDDING)
                .params(136_731_648L).maxContext(2048).formats("gguf")
                .dims(12, 768, 3072, 12, 12, 64, 30528, false).build();
    }
}
