package dev.fitd.catalog;

import static dev.fitd.catalog.TestEntries.dense;
import static dev.fitd.catalog.TestEntries.file;
import static dev.fitd.catalog.TestEntries.moe;
import static dev.fitd.catalog.TestEntries.remove;
import static dev.fitd.catalog.TestEntries.set;
import static dev.fitd.catalog.TestEntries.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Overlay directories built in a temporary folder: adding and replacing models, and every kind of
 * mistake, each asserting the exact file, entry and field the message names.
 */
class CatalogLoaderTest {
    private static final CatalogLoader LOADER = new CatalogLoader();

    @TempDir
    Path dir;

    private String path(String name) {
        return dir.toAbsolutePath().normalize().resolve(name).toString();
    }

    private String loadError(List<Path> overlays) {
        return assertThrows(CatalogException.class, () -> LOADER.load(overlays)).getMessage();
    }

    @Test
    void an_overlay_adds_models_findable_by_key_and_alias() {
        int bundled = LOADER.load(List.of()).size();
        ObjectNode foo = dense("acme/Foo-8B");
        set(foo, "aliases", "[\"foo:8b\"]");
        write(dir, "custom.json", file(foo, moe("acme/Foo-MoE")));

        Catalog catalog = LOADER.load(List.of(dir));

        assertEquals(bundled + 2, catalog.size());
        assertEquals("acme/Foo-8B", catalog.find("FOO:8B").orElseThrow().key());
        assertEquals(12_879_925_248L, catalog.find("acme/foo-moe").orElseThrow().activeParams());
    }

    @Test
    void an_overlay_replaces_a_bundled_model_with_the_same_key_and_may_reuse_its_aliases() {
        ModelSpec original = LOADER.readBundled().get(0).models().get(0);
        int bundled = LOADER.load(List.of()).size();
        ObjectNode replacement = dense(original.key());
        set(replacement, "display_name", "\"My tuned copy\"");
        replacement.set("aliases", TestEntries.JSON.valueToTree(original.aliases()));
        write(dir, "mine.json", file(replacement));

        Catalog catalog = LOADER.load(List.of(dir));

        assertEquals(bundled, catalog.size());
        assertEquals("My tuned copy", catalog.find(original.key()).orElseThrow().displayName());
    }

    @Test
    void a_later_overlay_directory_replaces_an_earlier_one() {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        write(first, "a.json", file(set(dense("acme/Foo"), "display_name", "\"first\"")));
        write(second, "b.json", file(set(dense("acme/Foo"), "display_name", "\"second\"")));

        assertEquals("second", LOADER.load(List.of(first, second)).find("acme/Foo").orElseThrow().displayName());
    }

    @Test
    void subdirectories_are_read_and_schema_json_is_skipped() {
        write(dir, "nested/deeper/x.json", file(dense("acme/Nested")));
        write(dir, "schema.json", "{\"not\": \"a catalog file\"}");

        assertTrue(LOADER.load(List.of(dir)).find("acme/Nested").isPresent());
    }

    @Test
    void a_missing_overlay_directory_stops_loading() {
        Path missing = dir.resolve("nope");
        assertEquals("catalog overlay directory " + path("nope") + " does not exist or is not a directory",
                loadError(List.of(missing)));
    }

    /** One mistake in entry 2 ({@code acme/foo}) of {@code custom.json}; the message after "field ". */
    static Stream<Arguments> entryMistakes() {
        return Stream.of(
                mistake("kv_heads zero", e -> set(e, "arch.kv_heads", "0"),
                        "arch.kv_heads: must be a positive integer, got 0"),
                mistake("kv_heads as text", e -> set(e, "arch.kv_heads", "\"8\""),
                        "arch.kv_heads: must be a positive integer, got \"8\""),
                mistake("kv_heads missing", e -> remove(e, "arch.kv_heads"),
                        "arch.kv_heads: is required but missing"),
                mistake("unknown field", e -> set(e, "arch.kv_head", "8"),
                        "arch.kv_head: unknown field (allowed: layers, hidden_size, ffn_size, ffn_gated, attention_heads,"
                                + " kv_heads, head_dim, v_head_dim, attention_output_gate, vocab_size, tied_embeddings,"
                                + " position_embeddings, layer_pattern, sliding_window, linear, mla, moe)"),
                mistake("misspelt field reported before the missing one", e -> {
                    remove(e, "arch.kv_heads");
                    return set(e, "arch.kv_head", "8");
                }, "arch.kv_head: unknown field (allowed: ..."),
                mistake("bad type enum", e -> set(e, "type", "\"chat\""),
                        "type: must be one of llm, embedding, got \"chat\""),
                mistake("bad use_case enum", e -> set(e, "use_case", "\"roleplay\""),
                        "use_case: must be one of general, coding, reasoning, chat, multimodal, embedding, got \"roleplay\""),
                mistake("bad layer kind", e -> set(e, "arch.layer_pattern", "[\"full\", \"local\"]"),
                        "arch.layer_pattern[1]: must be one of full, sliding, linear, parallel, got \"local\""),
                mistake("params_string", e -> set(e, "params_string", "\"8 billion\""),
                        "params_string: must be a string matching ^[0-9.]+[MBT](-A[0-9.]+[MB])?$, got \"8 billion\""),
                mistake("release_date pattern", e -> set(e, "release_date", "\"2024-7-23\""),
                        "release_date: must be a string matching ^[0-9]{4}-[0-9]{2}-[0-9]{2}$, got \"2024-7-23\""),
                mistake("release_date not a date", e -> set(e, "release_date", "\"2024-02-30\""),
                        "release_date: must be a real calendar date, got \"2024-02-30\""),
                mistake("params fractional", e -> set(e, "params", "8.03e9"),
                        "params: must be an integer >= 1000000, got 8.03E9"),
                mistake("params too small", e -> set(e, "params", "8030"),
                        "params: must be an integer >= 1000000, got 8030"),
                mistake("boolean as text", e -> set(e, "capabilities.tool_use", "\"yes\""),
                        "capabilities.tool_use: must be true or false, got \"yes\""),
                mistake("null is not absent", e -> set(e, "tuning", "null"),
                        "tuning: must be one of instruct, base, got null"),
                mistake("format twice", e -> set(e, "formats", "[\"gguf\", \"mlx\", \"gguf\"]"),
                        "formats[2]: \"gguf\" is listed twice"),
                mistake("empty alias", e -> set(e, "aliases", "[\"ok\", \"\"]"),
                        "aliases[1]: must be a non-empty string, got \"\""),
                mistake("layers beyond int", e -> set(e, "arch.layers", "3000000000"),
                        "arch.layers: cannot be read: Numeric value (3000000000) out of range of int (-2147483648 - 2147483647)"),
                mistake("context too long", e -> set(e, "max_context_length", "20000000"),
                        "max_context_length: 20000000 tokens is outside the sane range 64..10485760"),
                mistake("context too short", e -> set(e, "max_context_length", "32"),
                        "max_context_length: 32 tokens is outside the sane range 64..10485760"),
                mistake("moe without active_params", e -> set(e, "arch.moe",
                                "{\"experts\": 8, \"experts_per_token\": 2, \"expert_ffn_size\": 14336}"),
                        "active_params: is required for MoE models (arch.moe is set)"),
                mistake("active_params on a dense model", e -> set(e, "active_params", "2000000000"),
                        "active_params: is only for MoE models (arch.moe is absent)"),
                mistake("excludes-embeddings flag on a dense model", e -> set(e, "active_params_excludes_embeddings", "true"),
                        "active_params_excludes_embeddings: is only for MoE models (arch.moe is absent)"),
                mistake("both exclusion flags", e -> {
                    set(e, "active_params", "2000000000");
                    set(e, "active_params_excludes_input_embedding", "true");
                    set(e, "active_params_excludes_embeddings", "true");
                    return set(e, "arch.moe", "{\"experts\": 8, \"experts_per_token\": 2, \"expert_ffn_size\": 14336}");
                }, "active_params_excludes_embeddings: and active_params_excludes_input_embedding exclude each other"
                        + " (set only this one when the output head is left out too)"),
                mistake("output gate without attention layers", e -> {
                    set(e, "arch.attention_output_gate", "true");
                    set(e, "arch.layer_pattern", "[\"linear\"]");
                    return set(e, "arch.linear", "{\"kind\": \"mamba2\", \"conv_kernel\": 4, \"state_size\": 128,"
                            + " \"inner_size\": 8192, \"groups\": 1, \"heads\": 128}");
                }, "arch.attention_output_gate: is set but arch.layer_pattern has no attention layer"),
                mistake("output gate with MLA", e -> {
                    set(e, "arch.attention_output_gate", "true");
                    return set(e, "arch.mla", "{\"kv_lora_rank\": 512, \"qk_rope_head_dim\": 64, \"qk_nope_head_dim\": 128,"
                            + " \"v_head_dim\": 128}");
                }, "arch.attention_output_gate: is not defined with arch.mla (the gate doubles a plain query projection)"),
                mistake("output gate as text", e -> set(e, "arch.attention_output_gate", "\"yes\""),
                        "arch.attention_output_gate: must be true or false, got \"yes\""),
                mistake("more experts per token than experts", e -> {
                    set(e, "active_params", "2000000000");
                    return set(e, "arch.moe", "{\"experts\": 2, \"experts_per_token\": 4, \"expert_ffn_size\": 14336}");
                }, "arch.moe.experts_per_token: 4 exceeds experts 2"),
                mistake("no MoE layer left", e -> {
                    set(e, "active_params", "2000000000");
                    return set(e, "arch.moe",
                            "{\"experts\": 8, \"experts_per_token\": 2, \"expert_ffn_size\": 14336, \"dense_layers\": 32}");
                }, "arch.moe.dense_layers: leaves no MoE layer (dense_layers 32, layer_step 1, layers 32)"),
                mistake("embedding without embedding_dim", e -> {
                    set(e, "type", "\"embedding\"");
                    set(e, "use_case", "\"embedding\"");
                    return remove(e, "tuning");
                }, "embedding_dim: is required for embedding models"),
                mistake("embedding model with llm use case", e -> {
                    set(e, "type", "\"embedding\"");
                    return set(e, "embedding_dim", "4096");
                }, "use_case: is chat but type is embedding (use_case embedding goes with type embedding, and only with it)"),
                mistake("sliding layers without a window", e -> set(e, "arch.layer_pattern", "[\"sliding\", \"full\"]"),
                        "arch.sliding_window: is required when arch.layer_pattern has sliding layers"),
                mistake("linear layers without the mixer", e -> set(e, "arch.layer_pattern", "[\"linear\", \"full\"]"),
                        "arch.linear: is required when arch.layer_pattern has linear or parallel layers"),
                mistake("mixer without linear layers", e -> set(e, "arch.linear",
                                "{\"kind\": \"mamba2\", \"conv_kernel\": 4, \"state_size\": 128, \"inner_size\": 8192, \"groups\": 1, \"heads\": 128}"),
                        "arch.linear: is set but arch.layer_pattern has no linear or parallel layer (a hybrid model needs its layer_pattern)"),
                mistake("mamba2 without state size", e -> {
                    set(e, "arch.layer_pattern", "[\"parallel\"]");
                    return set(e, "arch.linear", "{\"kind\": \"mamba2\", \"conv_kernel\": 4, \"inner_size\": 8192, \"groups\": 1, \"heads\": 128}");
                }, "arch.linear.state_size: is required for kind mamba2"),
                mistake("kv heads not dividing heads", e -> set(e, "arch.kv_heads", "5"),
                        "arch.kv_heads: 5 does not divide attention_heads 32"),
                mistake("vision without tower", e -> set(e, "capabilities.vision", "true"),
                        "vision: is required when capabilities.vision is true (vision tower + projector parameters)"),
                mistake("reasoning default not allowed", e -> set(e, "capabilities.reasoning",
                                "{\"allowed_options\": [\"off\", \"on\"], \"default\": \"high\"}"),
                        "capabilities.reasoning.default: \"high\" is not one of allowed_options [off, on]"));
    }

    private static Arguments mistake(String name, UnaryOperator<ObjectNode> edit, String expected) {
        return Arguments.of(name, edit, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryMistakes")
    void a_mistake_in_an_entry_names_file_entry_and_field(String name, UnaryOperator<ObjectNode> edit, String expected) {
        write(dir, "custom.json", file(dense("acme/ok"), edit.apply(dense("acme/foo"))));

        String message = loadError(List.of(dir));

        String prefix = "catalog file " + path("custom.json") + ", entry 2 (acme/foo): field ";
        if (expected.endsWith("...")) {
            String start = prefix + expected.substring(0, expected.length() - 3);
            assertTrue(message.startsWith(start), () -> "expected to start with\n" + start + "\nbut was\n" + message);
        } else {
            assertEquals(prefix + expected, message);
        }
    }

    @Test
    void an_invalid_key_is_still_shown_as_the_entry_name() {
        write(dir, "custom.json", file(dense("acme/ok"), set(dense("acme/foo"), "key", "\"foo\"")));
        assertEquals("catalog file " + path("custom.json") + ", entry 2 (foo): field key: must be a string matching"
                + " ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$, got \"foo\"", loadError(List.of(dir)));
    }

    @Test
    void an_entry_without_a_key_is_named_by_position() {
        write(dir, "custom.json", file(remove(dense("acme/foo"), "key")));
        assertEquals("catalog file " + path("custom.json") + ", entry 1 (no key): field key: is required but missing",
                loadError(List.of(dir)));
    }

    @Test
    void malformed_json_names_file_line_and_column() {
        write(dir, "broken.json", "{\n  \"models\": [\n    {\"key\": \"acme/x\",, }\n  ]\n}\n");
        String message = loadError(List.of(dir));
        assertTrue(message.startsWith("catalog file " + path("broken.json") + ": malformed JSON at line 3, column 22: "
                + "Unexpected character (','"), message);
    }

    @Test
    void a_json_field_given_twice_is_malformed() {
        write(dir, "twice.json", "{\"models\": [{\"key\": \"acme/a\", \"key\": \"acme/b\"}]}");
        String message = loadError(List.of(dir));
        assertTrue(message.startsWith("catalog file " + path("twice.json") + ": malformed JSON at line 1, column "), message);
        assertTrue(message.contains("Duplicate field 'key'"), message);
    }

    @Test
    void trailing_content_is_malformed() {
        write(dir, "trail.json", file(dense("acme/a")) + "\n{}");
        assertTrue(loadError(List.of(dir)).startsWith("catalog file " + path("trail.json") + ": malformed JSON at line "));
    }

    @Test
    void an_empty_file_is_reported() {
        write(dir, "empty.json", "  \n");
        assertEquals("catalog file " + path("empty.json") + ": is empty", loadError(List.of(dir)));
    }

    @Test
    void file_level_mistakes_name_the_field() {
        write(dir, "a.json", "{\"model\": []}");
        assertEquals("catalog file " + path("a.json") + ": field model: unknown field (allowed: $schema, description, models)",
                loadError(List.of(dir)));
        write(dir, "a.json", "{\"models\": []}");
        assertEquals("catalog file " + path("a.json") + ": field models: must have at least 1 item", loadError(List.of(dir)));
        write(dir, "a.json", "[]");
        assertEquals("catalog file " + path("a.json") + ": field (file): must be an object, got an array",
                loadError(List.of(dir)));
    }

    @Test
    void a_key_twice_in_one_source_is_reported_on_the_second() {
        write(dir, "a.json", file(dense("acme/foo")));
        write(dir, "b.json", file(dense("acme/bar"), dense("ACME/Foo")));
        assertEquals("catalog file " + path("b.json") + ", entry 2 (ACME/Foo): field key: duplicates the key of catalog file "
                + path("a.json") + ", entry 1 (acme/foo)", loadError(List.of(dir)));
    }

    @Test
    void an_alias_used_by_two_models_is_reported_on_the_later() {
        write(dir, "a.json", file(set(dense("acme/foo"), "aliases", "[\"foo:8b\"]"),
                set(dense("acme/bar"), "aliases", "[\"bar\", \"Foo:8B\"]")));
        assertEquals("catalog file " + path("a.json") + ", entry 2 (acme/bar): field aliases[1]: \"Foo:8B\" is already an alias"
                + " of catalog file " + path("a.json") + ", entry 1 (acme/foo)", loadError(List.of(dir)));
    }

    @Test
    void an_overlay_alias_clashing_with_a_bundled_alias_names_both() {
        CatalogFile bundled = LOADER.readBundled().stream().filter(f -> f.models().stream().anyMatch(m -> !m.aliases().isEmpty()))
                .findFirst().orElseThrow();
        int index = 0;
        while (bundled.models().get(index).aliases().isEmpty()) {
            index++;
        }
        ModelSpec owner = bundled.models().get(index);
        String alias = owner.aliases().get(0);
        write(dir, "mine.json", file(set(dense("acme/mine"), "aliases", "[\"" + alias + "\"]")));

        assertEquals("catalog file " + path("mine.json") + ", entry 1 (acme/mine): field aliases[0]: \"" + alias
                + "\" is already an alias of catalog file " + bundled.source() + ", entry " + (index + 1) + " (" + owner.key() + ")",
                loadError(List.of(dir)));
    }

    @Test
    void an_alias_equal_to_another_key_is_reported_either_way_round() {
        write(dir, "a.json", file(dense("acme/foo"), set(dense("acme/bar"), "aliases", "[\"ACME/FOO\"]")));
        assertEquals("catalog file " + path("a.json") + ", entry 2 (acme/bar): field aliases[0]: \"ACME/FOO\" is the key of"
                + " catalog file " + path("a.json") + ", entry 1 (acme/foo)", loadError(List.of(dir)));

        write(dir, "a.json", file(set(dense("acme/bar"), "aliases", "[\"acme/foo\"]"), dense("acme/foo")));
        assertEquals("catalog file " + path("a.json") + ", entry 2 (acme/foo): field key: \"acme/foo\" is already an alias of"
                + " catalog file " + path("a.json") + ", entry 1 (acme/bar)", loadError(List.of(dir)));
    }

    @Test
    void an_alias_equal_to_its_own_key_ignoring_case_is_allowed() {
        write(dir, "a.json", file(set(dense("Acme/Foo-8B"), "aliases", "[\"acme/foo-8b\", \"ACME/FOO-8B\"]")));
        assertEquals("Acme/Foo-8B", LOADER.load(List.of(dir)).find("acme/foo-8b").orElseThrow().key());
    }
}
