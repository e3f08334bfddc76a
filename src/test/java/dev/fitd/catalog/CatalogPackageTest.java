package dev.fitd.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The catalog package is plain Java + Jackson, so a plain {@code new} reaches all of it in any test. */
class CatalogPackageTest {
    private static final List<String> FORBIDDEN = List.of("import io.quarkus", "import jakarta.", "import io.smallrye",
            "import oshi.", "import org.eclipse.microprofile");

    @Test
    void catalog_sources_import_no_framework() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/fitd/catalog"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().map(String::strip)
                            .filter(line -> FORBIDDEN.stream().anyMatch(line::startsWith))
                            .map(line -> p.getFileName() + ": " + line);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertEquals(List.of(), offenders);
        }
    }
}
