package dev.fitd.inventory.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sequential, buffered reads of little- or big-endian primitives from a channel of known size. Every
 * read first checks that the bytes exist, so a truncated file fails with a {@link GgufException}
 * naming what was being read, never with a bare {@code EOFException} or a huge allocation.
 */
final class GgufInput {
    private static final int BUFFER = 64 * 1024;

    private final SeekableByteChannel channel;
    private final Path file;
    private final long size;
    private final long maxBytes;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private long position;

    GgufInput(SeekableByteChannel channel, Path file, long size, long maxBytes) {
        this.channel = channel;
        this.file = file;
        this.size = size;
        this.maxBytes = maxBytes;
        buf.limit(0);
    }

    void order(ByteOrder order) { buf.order(order); }

    long position() { return position; }

    long size() { return size; }

    long remaining() { return size - position; }

    GgufException error(String problem) { return new GgufException(file, position, problem); }

    /** Fails unless {@code n} more bytes exist in the file and within the header budget. */
    void require(long n, String what) throws GgufException {
        if (n < 0 || n > remaining()) {
            throw error("truncated: " + what + " needs " + Long.toUnsignedString(n) + " bytes but only "
                    + remaining() + " remain in a file of " + size + " bytes");
        }
        if (position + n > maxBytes) {
            throw error("header larger than the limit of " + maxBytes + " bytes while reading " + what);
        }
    }

    private void fill(int n, String what) throws GgufException {
        require(n, what);
        if (buf.remaining() >= n) {
            return;
        }
        buf.compact();
        try {
            channel.position(position + buf.position());
            while (buf.position() < n) {
                if (channel.read(buf) < 0) {
                    buf.flip();
                    throw error("unexpected end of file while reading " + what);
                }
            }
        } catch (IOException e) {
            throw new GgufException(file, position, "I/O error while reading " + what + ": " + e.getMessage(), e);
        }
        buf.flip();
    }

    int u8(String what) throws GgufException {
        fill(1, what);
        position += 1;
        return buf.get() & 0xFF;
    }

    int i8(String what) throws GgufException {
        fill(1, what);
        position += 1;
        return buf.get();
    }

    int u16(String what) throws GgufException {
        fill(2, what);
        position += 2;
        return buf.getShort() & 0xFFFF;
    }

    int i16(String what) throws GgufException {
        fill(2, what);
        position += 2;
        return buf.getShort();
    }

    long u32(String what) throws GgufException {
        fill(4, what);
        position += 4;
        return buf.getInt() & 0xFFFF_FFFFL;
    }

    int i32(String what) throws GgufException {
        fill(4, what);
        position += 4;
        return buf.getInt();
    }

    /** A 64-bit value; unsigned values of 2^63 or more come back negative and callers check. */
    long i64(String what) throws GgufException {
        fill(8, what);
        position += 8;
        return buf.getLong();
    }

    float f32(String what) throws GgufException {
        fill(4, what);
        position += 4;
        return buf.getFloat();
    }

    double f64(String what) throws GgufException {
        fill(8, what);
        position += 8;
        return buf.getDouble();
    }

    /** Reads {@code n} bytes as strict UTF-8; {@code n} has already been checked against the limits. */
    String utf8(int n, String what) throws GgufException {
        require(n, what);
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            int chunk = Math.min(n - done, BUFFER);
            fill(chunk, what);
            buf.get(out, done, chunk);
            position += chunk;
            done += chunk;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out)).toString();
        } catch (CharacterCodingException e) {
            throw new GgufException(file, position - n, what + " is not valid UTF-8", e);
        }
    }

    /** Moves past {@code n} bytes without reading them. */
    void skip(long n, String what) throws GgufException {
        require(n, what);
        if (n <= buf.remaining()) {
            buf.position(buf.position() + (int) n);
        } else {
            buf.limit(0);
        }
        position += n;
    }
}
