package dev.fitd.catalog;

import static dev.fitd.catalog.TestEntries.dense;
import static dev.fitd.catalog.TestEntries.moe;
import static dev.fitd.catalog.TestEntries.remove;
import static dev.fitd.catalog.TestEntries.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code catalog/schema.json} is the documentation of the format: every catalog file in the
 * repository conforms to it according to a reference validator (networknt), the class path holds
 * exactly those files, and the loader's own {@link SchemaCheck} agrees with the reference.
 */
class CatalogSchemaTest {
    private static final Path CATALOG_DIR = Path.of("catalog");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema SCHEMA = REGISTRY.getSchema(read(CATALOG_DIR.resolve("schema.json")));

    static Stream<Path> repositoryFiles() {
        try (Stream<Path> walk = Files.walk(CATALOG_DIR)) {
            return walk.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("schema.json"))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void the_schema_is_a_valid_draft_2020_12_schema() {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertEquals(List.of(), meta.validate(read(CATALOG_DIR.resolve("schema.json"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositoryFiles")
    void every_catalog_file_conforms_to_the_schema(Path file) {
        List<Error> errors = SCHEMA.validate(read(file));
        assertTrue(errors.isEmpty(), () -> file + " violates catalog/schema.json:\n  "
                + errors.stream().map(Error::toString).collect(Collectors.joining("\n  ")));
    }

    @Test
    void the_class_path_holds_exactly_the_repository_files() {
        List<String> expected = repositoryFiles()
                .map(p -> "classpath:catalog/" + CATALOG_DIR.relativize(p).toString().replace('\\', '/')).sorted().toList();
        assertEquals(expected, Bundled.files().stream().map(CatalogFile::source).toList(),
                "catalog files on the class path (run the build again after adding a file)");
    }

    @Test
    void the_schema_check_refuses_keywords_it_does_not_enforce() {
        ObjectNode schema = (ObjectNode) read(CATALOG_DIR.resolve("schema.json"));
        ((ObjectNode) schema.at("/$defs/arch/properties/layers")).put("maximum", 1000);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SchemaCheck(schema));
        assertEquals("catalog schema: #/$defs/arch/properties/layers uses keyword(s) maximum that SchemaCheck does"
                + " not enforce; implement them there", e.getMessage());
    }

    /** Documents the loader's check and the reference validator must judge alike. */
    static Stream<Arguments> documents() {
        return Stream.of(
                doc("valid dense", e -> e),
                doc("valid moe", e -> moe("acme/m")),
                doc("valid hybrid", e -> set(set(e, "arch.layer_pattern", "[\"linear\", \"linear\", \"full\"]"), "arch.linear",
                        "{\"kind\": \"gated_deltanet\", \"conv_kernel\": 4, \"heads\": 32, \"key_heads\": 16, \"key_head_dim\": 128, \"value_head_dim\": 128}")),
                doc("valid reasoning", e -> set(e, "capabilities.reasoning", "{\"allowed_options\": [\"low\", \"high\"], \"default\": \"low\"}")),
                doc("missing required", e -> remove(e, "license")),
                doc("missing nested required", e -> remove(e, "arch.vocab_size")),
                doc("unknown field", e -> set(e, "color", "\"red\"")),
                doc("unknown nested field", e -> set(e, "capabilities.audio", "true")),
                doc("zero positive int", e -> set(e, "arch.layers", "0")),
                doc("negative ffn", e -> set(e, "arch.ffn_size", "-1")),
                doc("string for int", e -> set(e, "arch.hidden_size", "\"4096\"")),
                doc("bad enum", e -> set(e, "native_dtype", "\"int4\"")),
                doc("bad enum in array", e -> set(e, "formats", "[\"gguf\", \"onnx\"]")),
                doc("duplicate in unique array", e -> set(e, "aliases", "[\"a\", \"a\"]")),
                doc("empty required array", e -> set(e, "formats", "[]")),
                doc("empty string", e -> set(e, "license", "\"\"")),
                doc("pattern", e -> set(e, "architecture", "\"Llama\"")),
                doc("below minimum", e -> set(e, "params", "999999")),
                doc("object expected", e -> set(e, "arch.moe", "[]")),
                doc("boolean expected", e -> set(e, "arch.tied_embeddings", "1")),
                doc("null value", e -> set(e, "vision", "null")));
    }

    private static Arguments doc(String name, UnaryOperator<ObjectNode> edit) {
        return Arguments.of(name, edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void the_loader_schema_check_agrees_with_the_reference(String name, UnaryOperator<ObjectNode> edit) {
        JsonNode document = TestEntries.parse(TestEntries.file(edit.apply(dense("acme/test"))));
        List<Error> reference = SCHEMA.validate(document);
        Optional<SchemaCheck.Violation> ours = new SchemaCheck(read(CATALOG_DIR.resolve("schema.json"))).firstViolation(document);

        assertEquals(reference.isEmpty(), ours.isEmpty(), () -> "reference " + reference + ", ours " + ours);
        if (ours.isPresent()) {
            List<Object> path = ours.get().path();
            // the reference places a duplicate at its array, we at the repeated item
            assertTrue(reference.stream().anyMatch(err -> path.equals(pathOf(err))
                            || err.getKeyword().equals("uniqueItems") && path.subList(0, path.size() - 1).equals(pathOf(err))),
                    () -> "our location " + path + " is not among the reference's " + reference);
        } else {
            assertFalse(name.startsWith("missing") || name.contains("unknown"));
        }
    }

    /** Where the reference says the problem is, as our path: a named property counts as part of the path. */
    private static List<Object> pathOf(Error error) {
        List<Object> path = new ArrayList<>();
        for (int i = 0; i < error.getInstanceLocation().getNameCount(); i++) {
            path.add(error.getInstanceLocation().getElement(i));
        }
        if (error.getProperty() != null) {
            path.add(error.getProperty());
        }
        return path;
    }

    private static JsonNode read(Path file) {
        try {
            return TestEntries.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
