package dev.fitd.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled catalog is found without a hand-kept list, both from a directory (tests, IDE) and from
 * a jar (the packaged application runs from {@code target/fitd.jar}).
 */
class BundledCatalogLocationTest {

    @TempDir
    Path tmp;

    @Test
    void the_same_files_are_found_inside_a_jar_as_in_the_classes_directory() throws Exception {
        List<CatalogFile> fromDirectory = Bundled.files();
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("catalog/"));
            add(out, "catalog/schema.json", resource("catalog/schema.json"));
            for (CatalogFile f : fromDirectory) {
                String name = f.source().substring("classpath:".length());
                add(out, name, resource(name));
            }
            add(out, "catalog/more/extra.json", TestEntries.file(TestEntries.dense("acme/InJar")).getBytes());
            add(out, "other/ignored.json", "not a catalog file".getBytes());
        }
        try (URLClassLoader classLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            CatalogLoader loader = new CatalogLoader(classLoader);
            List<CatalogFile> fromJar = loader.readBundled();

            assertEquals(fromDirectory.size() + 1, fromJar.size());
            List<CatalogFile> extra = fromJar.stream()
                    .filter(f -> f.source().equals("classpath:catalog/more/extra.json")).toList();
            assertEquals(1, extra.size());
            List<CatalogFile> rest = new java.util.ArrayList<>(fromJar);
            rest.removeAll(extra);
            assertEquals(fromDirectory, rest);
            assertEquals(1, loader.load(List.of()).models().stream().filter(m -> m.key().equals("acme/InJar")).count());
        }
    }

    @Test
    void a_class_path_without_the_catalog_is_reported() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertEquals("catalog schema not found: no catalog/schema.json on the class path",
                    assertThrows(CatalogException.class, () -> new CatalogLoader(empty)).getMessage());
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (var in = BundledCatalogLocationTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(content);
        out.closeEntry();
    }
}
