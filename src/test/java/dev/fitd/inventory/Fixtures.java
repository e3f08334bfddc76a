package dev.fitd.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads {@code src/test/resources/fixtures/runtimes/<path>}. */
public final class Fixtures {
    private Fixtures() { }

    public static String read(String path) {
        String resource = "/fixtures/runtimes/" + path;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
