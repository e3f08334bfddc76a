package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generates the document {@code /q/openapi} serves and checks that the committed copy
 * ({@code src/main/resources/META-INF/fitd/openapi.json} and {@code .yaml}) is exactly it. The generator is
 * SmallRye OpenAPI's JAX-RS scanner over the compiled application classes plus {@link OpenApiFilter}, with
 * the property names Jackson writes (the application's {@code quarkus.jackson.property-naming-strategy}).
 * After changing a resource or a response type, rewrite the files with
 * {@code ./mvnw test -Dtest=OpenApiDocumentTest -Dfitd.openapi.write=true} and commit them.
 */
class OpenApiDocumentTest {
    static final Path SOURCE = Path.of("src/main/resources");
    static final String REGENERATE = "the committed OpenAPI document is not what the code generates: run "
            + "./mvnw test -Dtest=OpenApiDocumentTest -Dfitd.openapi.write=true and commit "
            + SOURCE.resolve(OpenApiResource.JSON) + " and .yaml";

    static SmallRyeOpenAPI generated;

    @BeforeAll
    static void generate() throws IOException {
        generated = generate(applicationClasses());
    }

    /** SmallRye OpenAPI's JAX-RS scanner over {@code index}, completed by {@link OpenApiFilter}. */
    static SmallRyeOpenAPI generate(Index index) throws IOException {
        Map<String, String> settings = Map.of(
                "mp.openapi.extensions.smallrye.property-naming-strategy", namingStrategy());
        ClassLoader loader = OpenApiDocumentTest.class.getClassLoader();
        return SmallRyeOpenAPI.builder()
                .withConfig(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(settings, "fitd-openapi", 500))
                        .build())
                .withIndex(index)
                .withApplicationClassLoader(loader)
                .withScannerClassLoader(loader)
                .enableModelReader(false)
                .enableStandardStaticFiles(false)
                .enableStandardFilter(false)
                .addFilter(new OpenApiFilter())
                .build();
    }

    /**
     * The Jackson naming strategy class for the application's {@code quarkus.jackson.property-naming-strategy},
     * so the document names properties as the responses do.
     */
    static String namingStrategy() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(SOURCE.resolve("application.properties"))) {
            p.load(in);
        }
        String strategy = p.getProperty("quarkus.jackson.property-naming-strategy", "LOWER_CAMEL_CASE").trim();
        return switch (strategy) {
            case "SNAKE_CASE" -> "com.fasterxml.jackson.databind.PropertyNamingStrategies$SnakeCaseStrategy";
            case "LOWER_CAMEL_CASE" -> "com.fasterxml.jackson.databind.PropertyNamingStrategies$LowerCamelCaseStrategy";
            default -> throw new IllegalStateException("no OpenAPI naming for quarkus.jackson.property-naming-strategy="
                    + strategy + ": add it to OpenApiDocumentTest.namingStrategy");
        };
    }

    /** A Jandex index of every class under the application's compiled classes (target/classes). */
    static Index applicationClasses() throws IOException {
        Path classes;
        try {
            classes = Path.of(ModelsResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    indexer.index(in);
                }
            }
        }
        return indexer.complete();
    }

    @Test
    void theCommittedDocumentIsWhatTheCodeGenerates() throws IOException {
        String json = generated.toJSON() + "\n";
        String yaml = generated.toYAML();
        Path jsonFile = SOURCE.resolve(OpenApiResource.JSON);
        Path yamlFile = SOURCE.resolve(OpenApiResource.YAML);
        if (Boolean.getBoolean("fitd.openapi.write")) {
            Files.createDirectories(jsonFile.getParent());
            Files.writeString(jsonFile, json, StandardCharsets.UTF_8);
            Files.writeString(yamlFile, yaml, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(jsonFile) && Files.exists(yamlFile), REGENERATE);
        assertEquals(json, Files.readString(jsonFile, StandardCharsets.UTF_8), REGENERATE);
        assertEquals(yaml, Files.readString(yamlFile, StandardCharsets.UTF_8), REGENERATE);
    }

    @Test
    void theYamlAndJsonRenderingsAreOneDocument() throws IOException {
        JsonNode json = new ObjectMapper().readTree(generated.toJSON());
        JsonNode yaml = new YAMLMapper().readTree(generated.toYAML());
        assertEquals(json, yaml);
    }

    @Test
    void everyPathHasASummaryAndEveryApiOperationItsErrors() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(generated.toJSON());
        List<String> paths = iterable(doc.get("paths").fieldNames());
        assertEquals(OpenApiFilter.OPERATIONS.keySet().stream().sorted().toList(), paths.stream().sorted().toList(),
                "the resources' paths are the ones OpenApiFilter describes");
        for (String path : paths) {
            JsonNode item = doc.get("paths").get(path);
            JsonNode get = item.has("get") ? item.get("get") : item.get("post");
            assertTrue(get.hasNonNull("summary"), path);
            assertEquals(OpenApiFilter.OPERATIONS.get(path).id(), get.get("operationId").asText(), path);
            if (path.startsWith("/api/")) {
                assertTrue(get.get("responses").has("401") && get.get("responses").has("500"), path);
                assertEquals("#/components/schemas/Error", get.get("responses").get("401").get("content")
                        .get("application/json").get("schema").get("$ref").asText(), path);
            }
        }
    }

    @Test
    void propertiesAreNamedAsJacksonWritesThem() throws IOException {
        JsonNode schemas = new ObjectMapper().readTree(generated.toJSON()).get("components").get("schemas");
        List<String> response = iterable(schemas.get("ModelsResponse").get("properties").fieldNames());
        assertTrue(response.containsAll(List.of("total_models", "returned_models", "models")), response.toString());
        List<String> row = iterable(schemas.get("ModelRow").get("properties").fieldNames());
        assertTrue(row.contains("display_name") && !row.contains("displayName"), row.toString());
        assertTrue(row.containsAll(List.of("name", "params_b", "memory_required_gb", "is_moe", "gguf_sources")),
                "llmfit's row fields are in the row schema: " + row);
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
