package dev.fitd.catalog;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The bundled catalog as the tests see it: every file on the class path, read once. */
final class Bundled {
    private static List<CatalogFile> files;

    private Bundled() { }

    static synchronized List<CatalogFile> files() {
        if (files == null) {
            files = new CatalogLoader().readBundled();
        }
        return files;
    }

    /** One argument pair per bundled entry: its file's source, then the entry. */
    static Stream<Arguments> entries() {
        return files().stream().flatMap(f -> f.models().stream().map(m -> Arguments.of(f.source(), m)));
    }

    static Stream<ModelSpec> models() {
        return files().stream().flatMap(f -> f.models().stream());
    }
}
