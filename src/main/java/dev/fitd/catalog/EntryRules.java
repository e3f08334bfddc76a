package dev.fitd.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one entry that a JSON Schema cannot express: facts that must agree with each other so
 * that {@link ParameterCount} and the memory estimate can be computed at all, and bounds no real model
 * exceeds. Checked after the schema, on the typed entry; the first broken rule is reported with the
 * field to fix.
 */
final class EntryRules {
    /**
     * Shortest context accepted. Sentence-embedding encoders truncate at 128–256 tokens
     * (all-MiniLM-L6-v2: 256, paraphrase-MiniLM: 128), so the floor is 64 rather than an LLM's 512.
     */
    static final int MIN_CONTEXT_TOKENS = 64;
    /** Longest context accepted (10 Mi tokens, Llama 4 Scout's claim); anything above is a typo. */
    static final int MAX_CONTEXT_TOKENS = 10_485_760;

    /** A broken rule: the field (dotted path inside the entry) and what is wrong with it. */
    record Problem(String field, String message) { }

    private EntryRules() { }

    static Optional<Problem> firstProblem(ModelSpec m) {
        List<Problem> found = new ArrayList<>();
        check(m, found);
        return found.stream().findFirst();
    }

    private static void check(ModelSpec m, List<Problem> out) {
        Architecture a = m.arch();
        boolean embedding = m.type() == ModelType.EMBEDDING;

        if (m.maxContextLength() < MIN_CONTEXT_TOKENS || m.maxContextLength() > MAX_CONTEXT_TOKENS) {
            out.add(new Problem("max_context_length", m.maxContextLength() + " tokens is outside the sane range "
                    + MIN_CONTEXT_TOKENS + ".." + MAX_CONTEXT_TOKENS));
        }
        if (embedding && m.useCase() != UseCase.EMBEDDING || !embedding && m.useCase() == UseCase.EMBEDDING) {
            out.add(new Problem("use_case", "is " + m.useCase().wire() + " but type is " + m.type().wire()
                    + " (use_case embedding goes with type embedding, and only with it)"));
        }
        if (embedding && m.embeddingDim() == null) {
            out.add(new Problem("embedding_dim", "is required for embedding models"));
        }
        if (!embedding && m.embeddingDim() != null) {
            out.add(new Problem("embedding_dim", "is only for embedding models"));
        }
        if (embedding && m.tuning() != null) {
            out.add(new Problem("tuning", "is only for llm entries (embedding models are neither instruct nor base)"));
        }
        checkMoe(m, out);
        if (m.capabilities().vision() && m.vision() == null) {
            out.add(new Problem("vision", "is required when capabilities.vision is true (vision tower + projector parameters)"));
        }
        if (!m.capabilities().vision() && m.vision() != null) {
            out.add(new Problem("capabilities.vision", "must be true when the entry states vision parameters"));
        }
        Capabilities.Reasoning r = m.capabilities().reasoning();
        if (r != null && !r.allowedOptions().contains(r.defaultOption())) {
            out.add(new Problem("capabilities.reasoning.default", "\"" + r.defaultOption()
                    + "\" is not one of allowed_options " + r.allowedOptions()));
        }
        checkAttention(a, out);
        checkLayerPattern(a, out);
    }

    private static void checkMoe(ModelSpec m, List<Problem> out) {
        Architecture.Moe moe = m.arch().moe();
        if (moe == null) {
            if (m.activeParams() != null) {
                out.add(new Problem("active_params", "is only for MoE models (arch.moe is absent)"));
            }
            if (m.activeParamsExcludesInputEmbedding()) {
                out.add(new Problem("active_params_excludes_input_embedding", "is only for MoE models (arch.moe is absent)"));
            }
            if (m.activeParamsExcludesEmbeddings()) {
                out.add(new Problem("active_params_excludes_embeddings", "is only for MoE models (arch.moe is absent)"));
            }
            return;
        }
        if (m.activeParamsExcludesInputEmbedding() && m.activeParamsExcludesEmbeddings()) {
            out.add(new Problem("active_params_excludes_embeddings", "and active_params_excludes_input_embedding"
                    + " exclude each other (set only this one when the output head is left out too)"));
        }
        if (m.activeParams() == null) {
            out.add(new Problem("active_params", "is required for MoE models (arch.moe is set)"));
        } else if (m.activeParams() > m.params()) {
            out.add(new Problem("active_params", m.activeParams() + " exceeds params " + m.params()));
        }
        if (moe.expertsPerToken() > moe.experts()) {
            out.add(new Problem("arch.moe.experts_per_token", moe.expertsPerToken() + " exceeds experts " + moe.experts()));
        }
        if (ParameterCount.of(m.arch(), m.type()).moeLayers() == 0) {
            out.add(new Problem("arch.moe.dense_layers", "leaves no MoE layer (dense_layers " + moe.denseLayers()
                    + ", layer_step " + moe.layerStep() + ", layers " + m.arch().layers() + ")"));
        }
    }

    private static void checkAttention(Architecture a, List<Problem> out) {
        if (a.hasAttentionOutputGate()) {
            boolean attention = false;
            for (int i = 0; i < a.layers(); i++) {
                attention |= a.layerKind(i).hasAttention();
            }
            if (!attention) {
                out.add(new Problem("arch.attention_output_gate", "is set but arch.layer_pattern has no attention layer"));
            } else if (a.mla() != null) {
                out.add(new Problem("arch.attention_output_gate", "is not defined with arch.mla (the gate doubles a plain query projection)"));
            }
        }
        if (a.kvHeads() > a.attentionHeads()) {
            out.add(new Problem("arch.kv_heads", a.kvHeads() + " exceeds attention_heads " + a.attentionHeads()));
        } else if (a.attentionHeads() % a.kvHeads() != 0) {
            out.add(new Problem("arch.kv_heads", a.kvHeads() + " does not divide attention_heads " + a.attentionHeads()));
        }
        boolean anyDense = false;
        for (int i = 0; i < a.layers(); i++) {
            anyDense |= !a.isMoeLayer(i);
        }
        if (anyDense && a.ffnSize() == 0) {
            out.add(new Problem("arch.ffn_size", "is 0 but some layers have a dense FFN"));
        }
    }

    private static void checkLayerPattern(Architecture a, List<Problem> out) {
        if (a.layerPattern().size() > a.layers()) {
            out.add(new Problem("arch.layer_pattern", "has " + a.layerPattern().size() + " kinds for " + a.layers() + " layers"));
        }
        boolean sliding = a.countLayers(LayerKind.SLIDING) > 0;
        boolean recurrent = a.countLayers(LayerKind.LINEAR) + a.countLayers(LayerKind.PARALLEL) > 0;
        if (sliding && a.slidingWindow() == null) {
            out.add(new Problem("arch.sliding_window", "is required when arch.layer_pattern has sliding layers"));
        }
        if (recurrent && a.linear() == null) {
            out.add(new Problem("arch.linear", "is required when arch.layer_pattern has linear or parallel layers"));
        }
        if (!recurrent && a.linear() != null) {
            out.add(new Problem("arch.linear", "is set but arch.layer_pattern has no linear or parallel layer"
                    + " (a hybrid model needs its layer_pattern)"));
        }
        Architecture.LinearMixer lin = a.linear();
        if (lin != null) {
            List<String> need = "mamba2".equals(lin.kind())
                    ? List.of("state_size", "inner_size", "groups", "heads")
                    : List.of("heads", "key_heads", "key_head_dim", "value_head_dim");
            for (String field : need) {
                if (linearField(lin, field) == null) {
                    out.add(new Problem("arch.linear." + field, "is required for kind " + lin.kind()));
                }
            }
        }
    }

    private static Integer linearField(Architecture.LinearMixer lin, String field) {
        return switch (field) {
            case "state_size" -> lin.stateSize();
            case "inner_size" -> lin.innerSize();
            case "groups" -> lin.groups();
            case "heads" -> lin.heads();
            case "key_heads" -> lin.keyHeads();
            case "key_head_dim" -> lin.keyHeadDim();
            case "value_head_dim" -> lin.valueHeadDim();
            default -> throw new IllegalArgumentException(field);
        };
    }
}
