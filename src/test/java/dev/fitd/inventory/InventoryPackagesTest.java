package dev.fitd.inventory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The inventory packages stay plain: no framework, and no JSON shape (every JSON shape lives in {@code api}; the
 * inventory reads the local apps' JSON with Jackson's tree model but annotates nothing for output).
 */
class InventoryPackagesTest {

    private static List<Path> sources() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/fitd/inventory"))) {
            List<Path> out = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertTrue(out.size() > 30, "inventory sources not found: " + out.size());
            return out;
        }
    }

    @Test
    void inventoryPackagesImportNoFramework() throws Exception {
        for (Path f : sources()) {
            String src = Files.readString(f);
            assertTrue(!src.contains("import io.quarkus") && !src.contains("import jakarta")
                    && !src.contains("import io.smallrye"), f + " imports a framework");
        }
    }

    @Test
    void inventoryRecordsCarryNoJsonShape() throws Exception {
        for (Path f : sources()) {
            String src = Files.readString(f);
            assertTrue(!src.contains("com.fasterxml.jackson.annotation") && !src.contains("databind.annotation")
                    && !src.contains("PropertyNamingStrategies"), f + " shapes JSON output; that belongs in api");
        }
    }
}
