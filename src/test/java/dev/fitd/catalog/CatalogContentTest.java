package dev.fitd.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quality rules of the bundled content beyond what the loader enforces on any file (a user overlay
 * may skip them; the shipped catalog may not). Each runs over every bundled entry, whatever files land.
 */
class CatalogContentTest {

    /**
     * The longest context each family's publisher documents (model cards / config.json, with the
     * documented RoPE scaling), keyed by a pattern over the entry key. An entry claiming more is a
     * mistake ("no 4-million-token Llama 3.2"). Families not listed are only held to the loader's bounds
     * and to {@link #WITHOUT_FAMILY_CEILING}.
     */
    private static final List<Ceiling> CEILINGS = List.of(
            new Ceiling("meta-llama/Llama-2-.*", 4_096),
            new Ceiling("meta-llama/Meta-Llama-3-.*", 8_192),
            new Ceiling("meta-llama/(Meta-)?Llama-3\\.[123]-.*", 131_072),
            new Ceiling("meta-llama/Llama-4-Scout-.*", 10_485_760),
            new Ceiling("meta-llama/Llama-4-Maverick-.*", 1_048_576),
            new Ceiling("google/gemma-(2b|7b|1\\.1-).*", 8_192),
            new Ceiling("google/gemma-2-.*", 8_192),
            new Ceiling("google/gemma-3-.*", 131_072),
            new Ceiling("mistralai/Mistral-7B-.*", 32_768),
            new Ceiling("mistralai/Mixtral-8x7B-.*", 32_768),
            new Ceiling("mistralai/Mixtral-8x22B-.*", 65_536),
            new Ceiling("microsoft/Phi-3(\\.5)?-.*-4k-.*", 4_096),
            new Ceiling("microsoft/phi-4", 16_384),
            new Ceiling("TinyLlama/.*", 2_048),
            new Ceiling("deepseek-ai/DeepSeek-R1-Distill-.*", 131_072),
            new Ceiling("Qwen/Qwen2\\.5-(?!.*-1M).*", 131_072));

    /** Above this, a model needs an entry in {@link #CEILINGS} saying which publisher documents it. */
    private static final int WITHOUT_FAMILY_CEILING = 1_048_576;

    private record Ceiling(Pattern key, int maxTokens) {
        Ceiling(String regex, int maxTokens) {
            this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), maxTokens);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fitd.catalog.Bundled#entries")
    void context_claims_stay_within_what_the_family_supports(String source, ModelSpec m) {
        int limit = CEILINGS.stream().filter(c -> c.key().matcher(m.key()).matches()).mapToInt(Ceiling::maxTokens)
                .min().orElse(WITHOUT_FAMILY_CEILING);
        assertTrue(m.maxContextLength() <= limit, () -> source + ", " + m.key() + ": max_context_length "
                + m.maxContextLength() + " exceeds " + limit + ", the most its family documents");
        Integer positions = m.arch().positionEmbeddings();
        if (positions != null && positions > 0) {
            assertTrue(m.maxContextLength() <= positions, () -> source + ", " + m.key() + ": max_context_length "
                    + m.maxContextLength() + " exceeds its learned position embeddings " + positions);
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fitd.catalog.Bundled#entries")
    void every_llm_states_its_tuning(String source, ModelSpec m) {
        if (m.type() == ModelType.LLM) {
            assertNotNull(m.tuning(), () -> source + ", " + m.key() + ": tuning (instruct | base) is missing");
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fitd.catalog.Bundled#entries")
    void every_vision_model_states_its_tower(String source, ModelSpec m) {
        assertEquals(m.capabilities().vision(), m.vision() != null,
                () -> source + ", " + m.key() + ": capabilities.vision and vision.params disagree");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fitd.catalog.Bundled#entries")
    void the_key_belongs_to_the_publisher(String source, ModelSpec m) {
        assertEquals(m.publisher(), m.key().substring(0, m.key().indexOf('/')),
                () -> source + ", " + m.key() + ": publisher must be the key's organisation");
    }

    /** params_string is a rounded label, but not another model's: within a factor of two of the count. */
    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fitd.catalog.Bundled#entries")
    void the_size_label_agrees_with_the_count(String source, ModelSpec m) {
        Matcher label = Pattern.compile("([0-9.]+)([MBT])(?:-A([0-9.]+)([MB]))?").matcher(m.paramsString());
        assertTrue(label.matches(), m.paramsString());
        assertWithinFactorTwo(source, m, "params", m.params(), value(label.group(1), label.group(2)));
        if (label.group(3) != null) {
            assertTrue(m.isMoe(), () -> source + ", " + m.key() + ": an -A (active) label needs arch.moe");
            assertWithinFactorTwo(source, m, "active_params", m.activeParams(), value(label.group(3), label.group(4)));
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fitd.catalog.Bundled#entries")
    void release_dates_are_plausible(String source, ModelSpec m) {
        assertTrue(!m.releaseDate().isBefore(LocalDate.of(2018, 1, 1)) && !m.releaseDate().isAfter(LocalDate.now()),
                () -> source + ", " + m.key() + ": release_date " + m.releaseDate() + " is before 2018 or in the future");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.fitd.catalog.Bundled#entries")
    void embedding_vectors_are_no_wider_than_the_model(String source, ModelSpec m) {
        if (m.embeddingDim() != null) {
            assertTrue(m.embeddingDim() <= m.arch().hiddenSize(), () -> source + ", " + m.key()
                    + ": embedding_dim " + m.embeddingDim() + " exceeds hidden_size " + m.arch().hiddenSize());
        }
    }

    @Test
    void keys_and_aliases_are_unique_across_all_bundled_files() {
        // CatalogLoader refuses clashes; loading the bundled catalog alone must succeed.
        assertEquals(Bundled.models().count(), new CatalogLoader().load(List.of()).size());
    }

    private static long value(String number, String unit) {
        double scale = switch (unit) {
            case "M" -> 1e6;
            case "B" -> 1e9;
            default -> 1e12;
        };
        return Math.round(Double.parseDouble(number) * scale);
    }

    private static void assertWithinFactorTwo(String source, ModelSpec m, String field, long count, long label) {
        assertTrue(count <= 2 * label && label <= 2 * count, () -> source + ", " + m.key() + ": params_string "
                + m.paramsString() + " does not describe " + field + " " + count);
    }
}
