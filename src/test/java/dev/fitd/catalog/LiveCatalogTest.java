package dev.fitd.catalog;

import static dev.fitd.catalog.TestEntries.dense;
import static dev.fitd.catalog.TestEntries.file;
import static dev.fitd.catalog.TestEntries.set;
import static dev.fitd.catalog.TestEntries.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog holder following an overlay directory: {@link LiveCatalog#check()} is called directly
 * (the daemon's background job calls it every {@code fitd.catalog.reload-interval}), with a clock the
 * test moves. Tests run as root, so "unreadable" is a symbolic link to {@code /proc/self/mem}, whose
 * read fails with an I/O error.
 */
class LiveCatalogTest {
    private static final CatalogLoader LOADER = new CatalogLoader();
    private static final int BUNDLED = LOADER.load(List.of()).size();

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<CatalogState> published = new ArrayList<>();

    /** A clock that stands still until moved. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advanceSeconds(long s) {
            now = now.plusSeconds(s);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private Path root;

    @BeforeEach
    void absolute() {
        root = dir.toAbsolutePath().normalize();
    }

    private LiveCatalog open() {
        LiveCatalog live = new LiveCatalog(LOADER, List.of(dir), clock);
        live.onChange(published::add);
        return live;
    }

    /** A valid file of dense entries under these keys. */
    private static String good(String... keys) {
        return file(Arrays.stream(keys).map(TestEntries::dense).toArray(JsonNode[]::new));
    }

    private Path makeUnreadable(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.deleteIfExists(p);
        return Files.createSymbolicLink(p, Path.of("/proc/self/mem"));
    }

    @Test
    void a_new_file_adds_its_model_under_the_next_version() {
        LiveCatalog live = open();
        CatalogState start = live.current();
        assertEquals(1, start.version());
        assertEquals(BUNDLED, start.catalog().size());
        assertEquals(List.of(), start.warnings());

        write(dir, "acme.json", good("acme/Added-8B"));
        clock.advanceSeconds(10);

        assertEquals(LiveCatalog.Outcome.RELOADED, live.check());
        CatalogState now = live.current();
        assertEquals(2, now.version());
        assertEquals(BUNDLED + 1, now.catalog().size());
        assertTrue(now.catalog().find("acme/added-8b").isPresent());
        assertEquals(clock.instant(), now.loadedAt());
        assertEquals(List.of(now), published, "listeners hear of the new version once");
        assertEquals(LiveCatalog.Outcome.UNCHANGED, live.check());
    }

    @Test
    void without_a_change_nothing_is_read() throws IOException {
        Path f = write(dir, "acme.json", good("acme/Kept-8B"));
        LiveCatalog live = open();
        FileTime mtime = Files.getLastModifiedTime(f);
        String same = Files.readString(f);
        // content the loader would reject, same length, same inode, modification time put back:
        // only a check that reads the file could notice it
        String broken = same.replace("\"kv_heads\" : 8", "\"kv_heads\" : 0");
        assertEquals(same.length(), broken.length());
        assertFalse(same.equals(broken), "the edit happened");
        Files.writeString(f, broken);
        Files.setLastModifiedTime(f, mtime);

        assertEquals(LiveCatalog.Outcome.UNCHANGED, live.check());
        assertEquals(LiveCatalog.Outcome.UNCHANGED, live.check());
        assertEquals(1, live.current().version());
        assertEquals(List.of(), live.current().warnings());

        // the same file with a new time is read, and its mistake found
        Files.setLastModifiedTime(f, FileTime.from(mtime.toInstant().plusSeconds(1)));
        assertEquals(LiveCatalog.Outcome.FAILED, live.check());
        assertTrue(live.current().warnings().get(0).contains("field arch.kv_heads"), live.current().warnings().toString());
    }

    @Test
    void an_unreadable_file_keeps_the_last_good_catalog_until_it_is_fixed() throws IOException {
        write(dir, "acme.json", good("acme/Kept-8B"));
        LiveCatalog live = open();
        CatalogState good = live.current();

        Path evil = makeUnreadable("acme.json");
        assertEquals(LiveCatalog.Outcome.FAILED, live.check());
        CatalogState broken = live.current();
        assertSame(good.catalog(), broken.catalog(), "the last good catalog stays in use");
        assertEquals(1, broken.version());
        assertEquals(1, broken.warnings().size());
        String warning = broken.warnings().get(0);
        assertTrue(warning.startsWith("catalog file " + evil + ": cannot be read: "), warning);
        assertTrue(warning.contains("still serving catalog version 1"), warning);

        // retried at every check although nothing changed on disk, but reported once
        assertEquals(LiveCatalog.Outcome.STILL_FAILING, live.check());
        assertSame(broken, live.current());

        Files.delete(evil);
        write(dir, "acme.json", good("acme/Kept-8B", "acme/Fixed-8B"));
        assertEquals(LiveCatalog.Outcome.RELOADED, live.check());
        CatalogState fixed = live.current();
        assertEquals(2, fixed.version());
        assertEquals(List.of(), fixed.warnings());
        assertTrue(fixed.catalog().find("acme/Fixed-8B").isPresent());
    }

    @Test
    void a_malformed_file_at_reload_keeps_the_last_good_catalog_and_names_file_entry_and_field() {
        write(dir, "acme.json", good("acme/Kept-8B"));
        LiveCatalog live = open();
        CatalogState good = live.current();

        write(dir, "acme.json", file(dense("acme/Kept-8B"), set(dense("acme/Bad-8B"), "arch.kv_heads", "0")));
        assertEquals(LiveCatalog.Outcome.FAILED, live.check());
        assertSame(good.catalog(), live.current().catalog());
        assertEquals(List.of("catalog file " + root.resolve("acme.json") + ", entry 2 (acme/Bad-8B): field arch.kv_heads: "
                        + "must be a positive integer, got 0 (overlay changes not applied; still serving catalog version 1)"),
                live.current().warnings());

        // content problems are not retried until the file changes
        assertEquals(LiveCatalog.Outcome.UNCHANGED, live.check());

        write(dir, "acme.json", good("acme/Kept-8B"));
        assertEquals(LiveCatalog.Outcome.SAME_MODELS, live.check(), "the fix restores the same models");
        assertEquals(1, live.current().version(), "same models, same version: nothing to regrade");
        assertEquals(List.of(), live.current().warnings());
        assertEquals(List.of(), published);
    }

    @Test
    void a_duplicate_key_at_reload_keeps_the_last_good_catalog() {
        write(dir, "a.json", good("acme/One-8B"));
        LiveCatalog live = open();

        write(dir, "b.json", good("ACME/one-8b"));
        assertEquals(LiveCatalog.Outcome.FAILED, live.check());
        String warning = live.current().warnings().get(0);
        assertTrue(warning.startsWith("catalog file " + root.resolve("b.json") + ", entry 1 (ACME/one-8b): field key: duplicates"),
                warning);
        assertEquals(BUNDLED + 1, live.current().catalog().size());
    }

    @Test
    void a_directory_that_goes_away_keeps_the_last_good_catalog_until_it_is_back() throws IOException {
        Path sub = dir.resolve("overlay");
        write(sub, "a.json", good("acme/One-8B"));
        LiveCatalog live = new LiveCatalog(LOADER, List.of(sub), clock);

        Files.delete(sub.resolve("a.json"));
        Files.delete(sub);
        assertEquals(LiveCatalog.Outcome.FAILED, live.check());
        assertEquals(List.of("catalog overlay directory " + sub.toAbsolutePath().normalize()
                        + " does not exist or is not a directory (overlay changes not applied; still serving catalog version 1)"),
                live.current().warnings());
        assertTrue(live.current().catalog().find("acme/One-8B").isPresent());

        write(sub, "a.json", good("acme/Two-8B"));
        assertEquals(LiveCatalog.Outcome.RELOADED, live.check());
        assertTrue(live.current().catalog().find("acme/Two-8B").isPresent());
        assertFalse(live.current().catalog().find("acme/One-8B").isPresent());
    }

    @Test
    void a_file_unreadable_at_start_is_left_out_reported_and_picked_up_once_readable() throws IOException {
        write(dir, "a.json", good("acme/Readable-8B"));
        Path evil = makeUnreadable("b.json");

        LiveCatalog live = open();
        CatalogState start = live.current();
        assertEquals(BUNDLED + 1, start.catalog().size(), "the bundled catalog plus the readable overlay");
        assertEquals(List.of("catalog file " + evil + ": cannot be read: Input/output error"
                + " (left out of the catalog until it can be read)"), start.warnings());

        assertEquals(LiveCatalog.Outcome.STILL_FAILING, live.check(), "read again, same problem, same report");
        assertSame(start, live.current());

        Files.delete(evil);
        write(dir, "b.json", good("acme/Late-8B"));
        assertEquals(LiveCatalog.Outcome.RELOADED, live.check());
        assertTrue(live.current().catalog().find("acme/Late-8B").isPresent());
        assertEquals(List.of(), live.current().warnings());
    }

    @Test
    void a_change_while_a_file_is_unreadable_is_not_applied_and_the_warning_says_so() throws IOException {
        Path evil = makeUnreadable("b.json");
        LiveCatalog live = open();

        write(dir, "c.json", good("acme/Waiting-8B"));
        assertEquals(LiveCatalog.Outcome.STILL_FAILING, live.check(), "the same problem as at start: no new log line");
        assertFalse(live.current().catalog().find("acme/Waiting-8B").isPresent());
        assertEquals(List.of("catalog file " + evil + ": cannot be read: Input/output error"
                + " (overlay changes not applied; still serving catalog version 1)"), live.current().warnings());
    }

    @Test
    void malformed_content_at_start_throws_naming_file_entry_and_field() {
        write(dir, "acme.json", file(set(dense("acme/Bad-8B"), "arch.kv_heads", "0")));
        CatalogException e = assertThrows(CatalogException.class, this::open);
        assertFalse(e instanceof CatalogReadException);
        assertEquals("catalog file " + root.resolve("acme.json") + ", entry 1 (acme/Bad-8B): field arch.kv_heads: "
                + "must be a positive integer, got 0", e.getMessage());
    }

    @Test
    void a_listener_that_throws_does_not_undo_the_reload() {
        LiveCatalog live = open();
        live.onChange(s -> {
            throw new IllegalStateException("listener broke");
        });
        write(dir, "acme.json", good("acme/Added-8B"));

        IllegalStateException e = assertThrows(IllegalStateException.class, live::check);
        assertEquals("listener broke", e.getMessage());
        assertEquals(2, live.current().version());
        assertEquals(1, published.size(), "the other listener was told");
    }
}
