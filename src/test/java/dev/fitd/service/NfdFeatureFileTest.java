package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature file's write: atomic through a dot-file, only on change, never throwing. */
class NfdFeatureFileTest {
    @TempDir
    Path dir;

    @Test
    void writesThroughADotFileAndOnlyWhenTheContentChanges() throws Exception {
        NfdFeatureFile writer = new NfdFeatureFile();
        Path file = dir.resolve("fitd");
        assertTrue(writer.writeIfChanged(file, "fitd.dev/a=1\n"));
        assertEquals("fitd.dev/a=1\n", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file), listing(), "no temporary file left behind");

        FileTime before = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, before);
        assertFalse(writer.writeIfChanged(file, "fitd.dev/a=1\n"), "same content: not written");
        assertEquals(before, Files.getLastModifiedTime(file));

        assertTrue(writer.writeIfChanged(file, "fitd.dev/a=2\n"));
        assertEquals("fitd.dev/a=2\n", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void aFailedWriteIsReportedNotThrownAndLeavesNothing() throws Exception {
        NfdFeatureFile writer = new NfdFeatureFile();
        Path notADir = dir.resolve("plain");
        Files.writeString(notADir, "x");
        assertFalse(writer.writeIfChanged(notADir.resolve("fitd"), "fitd.dev/a=1\n"));
        assertEquals(List.of(notADir), listing());
    }

    @Test
    void aFileOverNfdsLimitIsNotWritten() throws Exception {
        NfdFeatureFile writer = new NfdFeatureFile();
        Path file = dir.resolve("fitd");
        assertFalse(writer.writeIfChanged(file, "fitd.dev/a=1\n".repeat(6000)));
        assertFalse(Files.exists(file));
    }

    private List<Path> listing() throws Exception {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
