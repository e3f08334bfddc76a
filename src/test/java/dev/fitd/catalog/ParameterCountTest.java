package dev.fitd.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ParameterCount} against values computed by hand (the arithmetic is in the comments). */
class ParameterCountTest {

    private static Architecture arch(int layers, long h, long ffn, int heads, int kvHeads, int headDim, long vocab,
                                     boolean tied) {
        return new Architecture(layers, h, ffn, null, heads, kvHeads, headDim, null, null, vocab, tied, null, null, null,
                null, null, null);
    }

    private static Architecture with(Architecture a, List<LayerKind> pattern, Architecture.LinearMixer linear,
                                     Architecture.Mla mla, Architecture.Moe moe) {
        return new Architecture(a.layers(), a.hiddenSize(), a.ffnSize(), a.ffnGated(), a.attentionHeads(), a.kvHeads(),
                a.headDim(), a.vHeadDim(), a.attentionOutputGate(), a.vocabSize(), a.tiedEmbeddings(), a.positionEmbeddings(), pattern,
                a.slidingWindow(), linear, mla, moe);
    }

    /** Norms the formula leaves out: two RMSNorm vectors per layer plus the final one. */
    private static long norms(int layers, long h) {
        return 2L * layers * h + h;
    }

    @Test
    void llama31_8b_matches_the_published_count_up_to_norms() {
        Architecture a = arch(32, 4096, 14336, 32, 8, 128, 128256, false);
        ParameterCount pc = ParameterCount.of(a, ModelType.LLM);
        // embeddings: 2 · 128256 · 4096 = 1,050,673,152
        assertEquals(1_050_673_152L, pc.embeddingParams());
        // attention: 4096·32·128 (Q) + 4096·8·128 (K) + 4096·8·128 (V) + 32·128·4096 (O) = 41,943,040
        assertEquals(41_943_040L, pc.attentionParamsPerLayer());
        // FFN: 3 · 4096 · 14336 = 176,160,768
        assertEquals(176_160_768L, pc.denseFfnParamsPerLayer());
        // total: 1,050,673,152 + 32 · (41,943,040 + 176,160,768) = 8,029,995,008
        assertEquals(8_029_995_008L, pc.total());
        assertEquals(pc.total(), pc.active());
        // + norms (32 · 2 · 4096 + 4096 = 266,240) = the safetensors count, exactly
        assertEquals(8_030_261_248L, pc.total() + norms(32, 4096));
    }

    @Test
    void tied_embeddings_and_embedding_models_have_no_output_head() {
        Architecture untied = arch(2, 8, 16, 2, 1, 4, 10, false);
        Architecture tied = arch(2, 8, 16, 2, 1, 4, 10, true);
        assertEquals(80, ParameterCount.of(untied, ModelType.LLM).outputHeadParams());
        assertEquals(0, ParameterCount.of(tied, ModelType.LLM).outputHeadParams());
        assertEquals(0, ParameterCount.of(untied, ModelType.EMBEDDING).outputHeadParams());
    }

    @Test
    void bert_style_encoder_has_position_embeddings_and_a_two_matrix_mlp() {
        // bge-small-en-v1.5: 12 layers, h 384, ffn 1536, 12 heads of 32, vocab 30522, 512 positions, GELU MLP
        Architecture a = new Architecture(12, 384, 1536, false, 12, 12, 32, null, null, 30522, false, 512, null, null,
                null, null, null);
        ParameterCount pc = ParameterCount.of(a, ModelType.EMBEDDING);
        // embeddings: 30522·384 + 512·384 = 11,720,448 + 196,608 = 11,917,056 (no output head)
        assertEquals(11_917_056L, pc.embeddingParams());
        // attention 4·384·384 = 589,824; MLP 2·384·1536 = 1,179,648; 12 layers · 1,769,472 = 21,233,664
        assertEquals(33_150_720L, pc.total());
        // published 33.4M: the rest is biases, norms, token types and pooler (under 1 %)
    }

    @Test
    void small_moe_with_shared_expert_dense_layers_and_layer_step() {
        // h 8, 4 layers, ffn 16, 2 heads, 1 KV head, head dim 4, vocab 10, untied;
        // MoE: 4 experts of 6, 2 per token, 1 shared expert of 5, first layer dense, every 2nd layer after it MoE
        Architecture a = with(arch(4, 8, 16, 2, 1, 4, 10, false), null, null, null,
                new Architecture.Moe(4, 2, 1, 6, 5L, 1, 2));
        ParameterCount pc = ParameterCount.of(a, ModelType.LLM);
        // layer i is MoE when i >= 1 and (i - 1 + 1) % 2 == 0: only layer 2
        assertEquals(1, pc.moeLayers());
        assertEquals(160, pc.embeddingParams());          // 2 · 10 · 8
        assertEquals(192, pc.attentionParamsPerLayer());  // 8·2·4 + 8·1·4 + 8·1·4 + 2·4·8 = 64 + 32 + 32 + 64
        assertEquals(384, pc.denseFfnParamsPerLayer());   // 3 · 8 · 16
        assertEquals(144, pc.routedExpertParams());       // 3 · 8 · 6
        assertEquals(120, pc.sharedExpertParamsPerLayer()); // 1 · 3 · 8 · 5
        assertEquals(32, pc.routerParamsPerLayer());      // 8 · 4
        // total: 160 + 3 dense layers · (192 + 384) + MoE layer (192 + 4 · 144 + 120 + 32 = 920) = 2,808
        assertEquals(2_808, pc.total());
        // active: 160 + 1,728 + (192 + 2 · 144 + 120 + 32 = 632) = 2,520
        assertEquals(2_520, pc.active());
        assertEquals(576, pc.routedExpertParamsTotal()); // 1 layer · 4 experts · 144
    }

    @Test
    void mixtral_8x7b_matches_the_published_count_up_to_norms() {
        Architecture a = with(arch(32, 4096, 14336, 32, 8, 128, 32000, false), null, null, null,
                new Architecture.Moe(8, 2, 0, 14336, null, 0, 1));
        ParameterCount pc = ParameterCount.of(a, ModelType.LLM);
        // per layer: 41,943,040 attention + 8 · 176,160,768 experts + 4096 · 8 router = 1,451,261,952
        // total: 2 · 32000 · 4096 (262,144,000) + 32 · 1,451,261,952 = 46,702,526,464
        assertEquals(46_702_526_464L, pc.total());
        assertEquals(46_702_792_704L, pc.total() + norms(32, 4096)); // the safetensors count
        // active: 262,144,000 + 32 · (41,943,040 + 2 · 176,160,768 + 32,768) = 12,879,659,008
        assertEquals(12_879_659_008L, pc.active());
    }

    @Test
    void deepseek_v2_lite_mla_without_query_compression() {
        // h 2048, 27 layers, 16 heads, vocab 102400, untied; MLA kv_lora 512, rope 64, nope 128, v 128, no q_lora;
        // MoE: 64 experts of 1408, 6 per token, 2 shared, first layer dense with ffn 10944
        Architecture a = with(arch(27, 2048, 10944, 16, 16, 192, 102400, false), null, null,
                new Architecture.Mla(null, 512, 64, 128, 128), new Architecture.Moe(64, 6, 2, 1408, null, 1, 1));
        ParameterCount pc = ParameterCount.of(a, ModelType.LLM);
        // Q 2048·16·192 = 6,291,456; KV 2048·(512+64) + 512·16·(128+128) = 1,179,648 + 2,097,152; O 16·128·2048 = 4,194,304
        assertEquals(13_762_560L, pc.attentionParamsPerLayer());
        // dense layer 13,762,560 + 3·2048·10944 (67,239,936) = 81,002,496
        // MoE layer 13,762,560 + 64 · 8,650,752 + 2 · 8,650,752 + 2048 · 64 = 584,843,264
        // total 2·102400·2048 (419,430,400) + 81,002,496 + 26 · 584,843,264 = 15,706,357,760
        assertEquals(15_706_357_760L, pc.total());
        // active MoE layer 13,762,560 + 6 · 8,650,752 + 17,301,504 + 131,072 = 83,099,648
        // active 419,430,400 + 81,002,496 + 26 · 83,099,648 = 2,661,023,744
        assertEquals(2_661_023_744L, pc.active());
        // DeepSeek's "2.4B activated" leaves out the input embedding table (209,715,200)
        ModelSpec spec = specOf(a, true);
        assertEquals(2_451_308_544L, ParameterCount.of(spec).activeAsPublished());
    }

    @Test
    void mla_with_query_compression() {
        // h 8, 2 heads; q_lora 4, kv_lora 3, rope 2, nope 4, v 5 (qk = 6)
        Architecture a = with(arch(1, 8, 16, 2, 2, 6, 10, true), null, null, new Architecture.Mla(4, 3, 2, 4, 5), null);
        // Q 8·4 + 4·2·6 = 80; KV 8·(3+2) + 3·2·(4+5) = 94; O 2·5·8 = 80
        assertEquals(254, ParameterCount.of(a, ModelType.LLM).attentionParamsPerLayer());
    }

    @Test
    void gqa_with_distinct_value_head_dim() {
        Architecture a = new Architecture(1, 8, 16, null, 2, 1, 4, 6, null, 10, true, null, null, null, null, null, null);
        // Q 8·2·4 = 64; K 8·1·4 = 32; V 8·1·6 = 48; O 2·6·8 = 96
        assertEquals(240, ParameterCount.of(a, ModelType.LLM).attentionParamsPerLayer());
    }

    @Test
    void mamba2_hybrid_counts_each_layer_by_its_kind() {
        // h 8, inner 16, 1 group, state 4, 2 heads: 8·(2·16 + 2·1·4 + 2) + 16·8 = 336 + 128 = 464
        Architecture.LinearMixer mamba = new Architecture.LinearMixer("mamba2", 4, 4, 16, 1, 2, null, null, null);
        Architecture base = arch(4, 8, 16, 2, 1, 4, 10, true);
        Architecture a = with(base, List.of(LayerKind.LINEAR, LayerKind.LINEAR, LayerKind.FULL, LayerKind.PARALLEL),
                mamba, null, null);
        ParameterCount pc = ParameterCount.of(a, ModelType.LLM);
        assertEquals(464, pc.recurrentMixerParamsPerLayer());
        // layers: linear 464 + 384, linear 464 + 384, full 192 + 384, parallel 192 + 464 + 384
        assertEquals(848, pc.layerParams(0, false));
        assertEquals(576, pc.layerParams(2, false));
        assertEquals(1_040, pc.layerParams(3, false));
        assertEquals(80 + 848 + 848 + 576 + 1_040, pc.total());
    }

    @Test
    void gated_deltanet_mixer() {
        // h 8, 2 key heads of 3 (kd 6), 4 value heads of 2 (vd 8): 8·(2·6 + 2·8 + 2·4) + 8·8 = 288 + 64 = 352
        Architecture.LinearMixer gdn = new Architecture.LinearMixer("gated_deltanet", 4, null, null, null, 4, 2, 3, 2);
        Architecture a = with(arch(4, 8, 16, 2, 1, 4, 10, true), List.of(LayerKind.LINEAR), gdn, null, null);
        assertEquals(352, ParameterCount.of(a, ModelType.LLM).recurrentMixerParamsPerLayer());
    }

    @Test
    void attention_output_gate_doubles_the_query_projection_of_attention_layers_only() {
        // h 8, 2 heads of 4, 1 KV head, vocab 10 tied; layers: Gated DeltaNet, then full attention
        Architecture.LinearMixer gdn = new Architecture.LinearMixer("gated_deltanet", 4, null, null, null, 4, 2, 3, 2);
        Architecture gated = new Architecture(2, 8, 16, null, 2, 1, 4, null, true, 10, true, null,
                List.of(LayerKind.LINEAR, LayerKind.FULL), null, gdn, null, null);
        ParameterCount pc = ParameterCount.of(gated, ModelType.LLM);
        // Q + gate 2·8·2·4 = 128; K 8·1·4 = 32; V 8·1·4 = 32; O 2·4·8 = 64
        assertEquals(128, pc.queryParamsPerLayer());
        assertEquals(256, pc.attentionParamsPerLayer());
        // linear layer: mixer 352 + FFN 3·8·16 = 384 -> 736 (no gate); full layer: 256 + 384 = 640
        assertEquals(736, pc.layerParams(0, false));
        assertEquals(640, pc.layerParams(1, false));
        // total: input table 10·8 = 80 (tied) + 736 + 640 = 1,456
        assertEquals(1_456, pc.total());
        // without the gate Q is 64 and the attention 192
        Architecture plain = with(arch(2, 8, 16, 2, 1, 4, 10, true), List.of(LayerKind.LINEAR, LayerKind.FULL), gdn, null, null);
        assertEquals(192, ParameterCount.of(plain, ModelType.LLM).attentionParamsPerLayer());
    }

    @Test
    void active_as_published_without_both_embedding_tables() {
        // h 8, 2 layers, 2 heads of 4, 1 KV head, vocab 10 untied; MoE on every layer: 4 experts of 16, 1 per token
        Architecture a = with(arch(2, 8, 0, 2, 1, 4, 10, false), null, null, null,
                new Architecture.Moe(4, 1, 0, 16, null, 0, 1));
        // embeddings: input 10·8 = 80 + output head 80 = 160; attention 64 + 32 + 32 + 64 = 192
        // active layer: 192 + 1 · 3·8·16 (384) + router 8·4 (32) = 608; active 160 + 2 · 608 = 1,376
        assertEquals(1_376, ParameterCount.of(specOf(a, false, false)).activeAsPublished());
        // without the input table: 1,376 - 80 = 1,296; without both tables: 1,376 - 160 = 1,216
        assertEquals(1_296, ParameterCount.of(specOf(a, true, false)).activeAsPublished());
        assertEquals(1_216, ParameterCount.of(specOf(a, false, true)).activeAsPublished());
        // tied: there is no output head, so leaving out "both" leaves out the input table only
        Architecture tied = with(arch(2, 8, 0, 2, 1, 4, 10, true), null, null, null, a.moe());
        assertEquals(1_216, ParameterCount.of(specOf(tied, false, true)).activeAsPublished());
    }

    /** A fixture with one entry per architecture feature, loaded as an overlay directory. */
    static Stream<ModelSpec> featureFixture() throws Exception {
        Path dir = Path.of(ParameterCountTest.class.getResource("/fixtures/catalog/features.json").toURI()).getParent();
        return new CatalogLoader().readDirectory(dir).get(0).models().stream();
    }

    /**
     * The fixture's params and active_params were printed by the catalog authors' checker script; equal
     * counts on every feature (MLA, MoE layouts, sliding, Mamba2, Gated DeltaNet, encoders) show the two
     * implement one formula, so an entry passing the script passes {@code CatalogProofTest}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("featureFixture")
    void same_counts_as_the_authors_checker_script(ModelSpec m) {
        ParameterCount pc = ParameterCount.of(m);
        assertEquals(m.params(), pc.total());
        if (m.isMoe()) {
            assertEquals(m.activeParams(), pc.activeAsPublished());
        }
        long layers = 0;
        for (int i = 0; i < m.arch().layers(); i++) {
            layers += pc.layerParams(i, false);
        }
        assertEquals(pc.total(), pc.embeddingParams() + layers, "pieces add up to the total");
    }

    @Test
    void the_feature_fixture_loads_as_an_overlay() throws Exception {
        Path dir = Path.of(ParameterCountTest.class.getResource("/fixtures/catalog/features.json").toURI()).getParent();
        assertEquals(12, new CatalogLoader().load(List.of(dir)).models().stream()
                .filter(m -> m.key().startsWith("fixture/")).count());
    }

    private static ModelSpec specOf(Architecture a, boolean excludesInputEmbedding) {
        return specOf(a, excludesInputEmbedding, false);
    }

    private static ModelSpec specOf(Architecture a, boolean excludesInputEmbedding, boolean excludesEmbeddings) {
        return new ModelSpec("t/t", "T", "t", "T", ModelType.LLM, "deepseek2", 1, 1L, excludesInputEmbedding,
                excludesEmbeddings, "1B",
                null, "x", 4096, UseCase.CHAT, "instruct", null, new Capabilities(false, false, null), List.of("gguf"),
                List.of(), null, null, a);
    }
}
