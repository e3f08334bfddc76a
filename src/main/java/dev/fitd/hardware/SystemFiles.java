package dev.fitd.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the small text files of {@code /proc} and {@code /sys}, under a root directory so that tests can
 * point it at a tree built from fixtures. Missing or unreadable files are empty, not errors: on another OS
 * or in a locked-down container they simply are not there.
 */
public final class SystemFiles {

    /** Files in /proc and /sys are tiny; anything bigger is not what we think it is. */
    private static final long MAX_BYTES = 4 * 1024 * 1024;

    private final Path root;

    private SystemFiles(Path root) {
        this.root = root;
    }

    /** The real file system. */
    public static SystemFiles host() {
        return new SystemFiles(Path.of("/"));
    }

    /** A fake file system: {@code /proc/meminfo} is read from {@code root/proc/meminfo}. */
    public static SystemFiles under(Path root) {
        return new SystemFiles(root);
    }

    /** The lines of an absolute path such as {@code /proc/meminfo}; empty when missing or unreadable. */
    public Optional<List<String>> lines(String absolutePath) {
        Path file = resolve(absolutePath);
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(List.copyOf(Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (IOException | SecurityException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** True when the path exists (file or directory). */
    public boolean exists(String absolutePath) {
        return Files.exists(resolve(absolutePath));
    }

    /** Names of the entries of a directory, sorted; empty when it is missing. */
    public List<String> list(String absoluteDir) {
        Path dir = resolve(absoluteDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    private Path resolve(String absolutePath) {
        String relative = absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
        return root.resolve(relative);
    }
}
