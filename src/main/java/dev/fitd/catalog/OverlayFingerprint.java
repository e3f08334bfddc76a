package dev.fitd.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stat pass over the overlay directories sees: for each directory, whether it is there, and for
 * each of its catalog files (the files {@link CatalogLoader} would read) the path, size, modification
 * time and file key (device and inode on Unix, so a file replaced by a rename or a symbolic link counts
 * as changed even with the same size and time). Links are followed, as the loader follows them.
 * Nothing is opened or parsed: equal fingerprints mean there is nothing new to read.
 *
 * @param parts one element per directory state or file, in directory order then path order
 */
record OverlayFingerprint(List<Object> parts) {

    /** A catalog file as stat sees it. */
    private record FileStat(Path path, long size, FileTime modified, Object fileKey) { }

    /** A file or directory that stat or the listing could not see, with the reason. */
    private record Unseen(Path path, String problem) { }

    /** A configured directory that is missing (or is not a directory). */
    private record Missing(Path dir) { }

    OverlayFingerprint {
        parts = List.copyOf(parts);
    }

    /** Takes the fingerprint of {@code overlayDirs} now. Never throws: what cannot be seen is part of it. */
    static OverlayFingerprint take(List<Path> overlayDirs) {
        List<Object> parts = new ArrayList<>();
        for (Path dir : overlayDirs) {
            Path root = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                parts.add(new Missing(root));
                continue;
            }
            List<Path> files;
            try {
                files = CatalogLoader.catalogFiles(root);
            } catch (IOException | UncheckedIOException e) {
                parts.add(new Unseen(root, String.valueOf(e.getMessage())));
                continue;
            }
            for (Path p : files) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    parts.add(new FileStat(p, a.size(), a.lastModifiedTime(), a.fileKey()));
                } catch (IOException e) {
                    parts.add(new Unseen(p, String.valueOf(e.getMessage())));
                }
            }
        }
        return new OverlayFingerprint(parts);
    }
}
