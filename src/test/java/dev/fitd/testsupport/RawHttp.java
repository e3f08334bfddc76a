package dev.fitd.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal keep-alive HTTP/1.1 client that sends the request line exactly as given, byte for byte. The
 * JDK client refuses malformed targets ({@code %zz}, raw spaces, raw UTF-8), which are exactly what a
 * fuzz test must send. Reconnects when the server closes the connection.
 */
public final class RawHttp implements AutoCloseable {

    /** One response: status, headers with lower-case names, body bytes. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String text() { return new String(body, StandardCharsets.UTF_8); }

        public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Send {@code GET target} with the given extra header lines (each without CRLF). */
    public Reply get(byte[] target, String... headerLines) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes("GET ".getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(target);
        StringBuilder h = new StringBuilder(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) {
            h.append(line).append("\r\n");
        }
        h.append("\r\n");
        req.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
        return exchange(req.toByteArray());
    }

    public Reply get(String target, String... headerLines) throws IOException {
        return get(target.getBytes(StandardCharsets.UTF_8), headerLines);
    }

    /**
     * Send {@code METHOD target HTTP/1.1} with the given header lines and body bytes exactly as given
     * (no Content-Length is added: pass one among the header lines when the body should be framed).
     */
    public Reply send(String method, byte[] target, byte[] body, String... headerLines) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(method.getBytes(StandardCharsets.ISO_8859_1));
        req.write(' ');
        req.writeBytes(target);
        StringBuilder h = new StringBuilder(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) {
            h.append(line).append("\r\n");
        }
        h.append("\r\n");
        req.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        req.writeBytes(body);
        head = method.equals("HEAD");
        try {
            return exchange(req.toByteArray());
        } finally {
            head = false;
        }
    }

    private boolean head;

    private Reply exchange(byte[] request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setSoTimeout(20_000);
                socket.setTcpNoDelay(true);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
            try {
                out.write(request);
                out.flush();
                Reply r = read();
                if ("close".equalsIgnoreCase(r.header("connection"))) {
                    close();
                }
                return r;
            } catch (IOException e) {
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private Reply read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head) {
            return new Reply(status, headers, new byte[0]);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line();
            }
            for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                // trailers
            }
        } else if (headers.containsKey("content-length")) {
            body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("close".equalsIgnoreCase(headers.get("connection"))) {
            body.writeBytes(in.readAllBytes());
        }
        return new Reply(status, headers, body.toByteArray());
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
