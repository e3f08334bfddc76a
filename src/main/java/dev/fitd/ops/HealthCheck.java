package dev.fitd.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The container's {@code HEALTHCHECK}: {@code java -cp /deployments/fitd.jar dev.fitd.ops.HealthCheck}.
 * The JRE image has neither curl nor wget, so this plain-JDK class (no Quarkus, no dependencies) sends
 * {@code GET /health} and exits 0 on a 200, 1 otherwise. It reads the same environment as the daemon:
 * over the Unix socket when {@code QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED=true} and TCP is off
 * ({@code QUARKUS_HTTP_HOST_ENABLED=false}), else TCP to 127.0.0.1 on {@code QUARKUS_HTTP_PORT} (8787).
 *
 * <p>Given paths as arguments it sends {@code GET} for each instead, and exits 0 only when every one
 * answers 200: {@code make-appcds.sh} uses that to put the classes of the readiness probe and of a
 * scheduler's first poll into the AppCDS archive, not only those of {@code /health}.
 */
public final class HealthCheck {
    static final int TIMEOUT_MS = 3000;
    static final String DEFAULT_PATH = "/health";

    private HealthCheck() { }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), args.length == 0 ? new String[] {DEFAULT_PATH} : args));
    }

    /** GETs each path in turn, printing its status line; 0 when every one answered 200, else 1. */
    static int run(Map<String, String> env, String... paths) {
        for (String path : paths) {
            try {
                String statusLine = probe(env, path);
                System.out.println(path + ": " + statusLine);
                if (!statusLine.startsWith("HTTP/1.1 200") && !statusLine.startsWith("HTTP/1.0 200")) {
                    return 1;
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("fitd health check failed: " + path + ": " + e);
                return 1;
            }
        }
        return 0;
    }

    /** The status line of {@code GET /health} at the address {@code env} describes. */
    public static String probe(Map<String, String> env) throws IOException {
        return probe(env, DEFAULT_PATH);
    }

    /**
     * The status line of {@code GET path} at the address {@code env} describes.
     *
     * @throws IllegalArgumentException when the path does not start with '/' or has characters a request
     *     line cannot carry
     */
    public static String probe(Map<String, String> env, String path) throws IOException {
        if (!path.startsWith("/") || !path.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException("not a request path: '" + path + "'");
        }
        String request = "GET " + path + " HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\n\r\n";
        boolean socketOnly = "true".equalsIgnoreCase(env.get("QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED"))
                && "false".equalsIgnoreCase(env.get("QUARKUS_HTTP_HOST_ENABLED"));
        if (socketOnly) {
            String socket = env.getOrDefault("QUARKUS_HTTP_DOMAIN_SOCKET", "/run/fitd/fitd.sock");
            return overSocket(socket, request);
        }
        int port = Integer.parseInt(env.getOrDefault("QUARKUS_HTTP_PORT", "8787").trim());
        return overTcp(port, request);
    }

    private static String overTcp(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return firstLine(s.getInputStream());
        }
    }

    private static String overSocket(String path, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(256);
            long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
            while (buf.hasRemaining() && System.nanoTime() < deadline && ch.read(buf) >= 0) {
                String sofar = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
                if (sofar.contains("\r\n")) {
                    break;
                }
            }
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n");
            return end < 0 ? text : text.substring(0, end);
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && b.length() < 256; c = in.read()) {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
