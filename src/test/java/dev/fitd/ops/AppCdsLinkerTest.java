package dev.fitd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppCdsLinkerTest {

    /** Lines as {@code -Xlog:class+load=info} writes them (captured from a fitd start on JDK 17). */
    private static final List<String> LOG = List.of(
            "[0.156s][info][class,load] java.lang.Object source: shared objects file",
            "[0.256s][info][class,load] dev.fitd.Main source: shared objects file (top)",
            "[0.258s][info][class,load] dev.fitd.catalog.CatalogPreload$$Lambda$6/0x00007ff5bb001000 source: dev.fitd.catalog.CatalogPreload",
            "[1.418s][info][class,load] java.lang.invoke.LambdaForm$MH/0x00007ff5bb0b4000 source: __JVM_LookupDefineClass__",
            "[1.423s][info][class,load] java.net.http.HttpClient$Builder source: shared objects file (top)",
            "[4.161s][info][class,load] dev.fitd.inventory.gguf.GgufFacts source: file:/work/main/target/fitd.jar",
            "[4.200s][info][class,load] com.example.GoneAtRuntime source: file:/tmp/optional.jar",
            "[4.201s][info][gc] Pause Young (Allocation Failure) 20M->9M(46M) 1.234ms",
            "");

    @Test
    void readsClassNamesAndLeavesOutHiddenClassesAndOtherTags() {
        assertEquals(List.of("java.lang.Object", "dev.fitd.Main", "java.net.http.HttpClient$Builder",
                "dev.fitd.inventory.gguf.GgufFacts", "com.example.GoneAtRuntime"), AppCdsLinker.classNames(LOG));
    }

    @Test
    void linksEveryNamedClassOnceAndCountsThoseThatAreGone(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        Files.write(log, LOG);
        Files.write(log, List.of("[4.3s][info][class,load] java.lang.Object source: shared objects file"),
                java.nio.file.StandardOpenOption.APPEND);   // a class named twice is linked once
        AppCdsLinker.Outcome o = AppCdsLinker.linkAll(log, getClass().getClassLoader());
        assertEquals(4, o.linked());
        assertEquals(1, o.failed());
    }

    @Test
    void aMissingLogIsNamed(@TempDir Path dir) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AppCdsLinker.linkAll(dir.resolve("none.log"), getClass().getClassLoader()));
        assertEquals("cannot read the class-load log " + dir.resolve("none.log"), e.getMessage());
    }
}
