package dev.fitd.inventory.gguf;

import java.nio.file.Path;

/** A GGUF file that cannot be read: names the file, the byte offset and what was wrong. */
public class GgufException extends Exception {
    private final transient Path file;
    private final long offset;

    public GgufException(Path file, long offset, String problem) {
        this(file, offset, problem, null);
    }

    public GgufException(Path file, long offset, String problem, Throwable cause) {
        super(file + ": " + problem + (offset >= 0 ? " (at byte " + offset + ")" : ""), cause);
        this.file = file;
        this.offset = offset;
    }

    /** The file that could not be read. */
    public Path file() { return file; }

    /** Byte offset where the problem was found, -1 when not tied to a position. */
    public long offset() { return offset; }
}
