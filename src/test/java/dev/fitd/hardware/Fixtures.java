package dev.fitd.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Captured command output and system files under {@code src/test/resources/fixtures/commands/}. */
public final class Fixtures {

    private Fixtures() { }

    /** The lines of {@code fixtures/commands/<tool>/<case>}. */
    public static List<String> lines(String toolAndCase) {
        return text(toolAndCase).lines().toList();
    }

    public static String text(String toolAndCase) {
        String resource = "/fixtures/commands/" + toolAndCase;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture to {@code root/absolutePath}, building a fake file system for {@link SystemFiles#under}. */
    public static void place(Path root, String absolutePath, String toolAndCase) {
        write(root, absolutePath, text(toolAndCase));
    }

    public static void write(Path root, String absolutePath, String content) {
        try {
            Path file = root.resolve(absolutePath.substring(1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
