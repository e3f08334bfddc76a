package dev.fitd.inventory.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for a runtime: JDK {@code HttpServer} on 127.0.0.1, port 0, answering each path
 * with a fixed status and body, or hanging until closed, optionally requiring a bearer token.
 */
public final class FakeRuntimeServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-runtime");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, Function<String, Reply>> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile String requiredToken;

    record Reply(int status, String body, boolean hang) { }

    public FakeRuntimeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeRuntimeServer answer(String path, int status, String body) {
        routes.put(path, req -> new Reply(status, body, false));
        return this;
    }

    FakeRuntimeServer answer(String path, Function<String, Reply> byRequestBody) {
        routes.put(path, byRequestBody);
        return this;
    }

    public FakeRuntimeServer hang(String path) {
        routes.put(path, req -> new Reply(0, null, true));
        return this;
    }

    public FakeRuntimeServer requireToken(String token) {
        requiredToken = token;
        return this;
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        String requestBody = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        if (requiredToken != null && !("Bearer " + requiredToken).equals(auth)) {
            reply = new Reply(401, "{\"error\":\"Unauthorized\"}", false);
        } else {
            Function<String, Reply> route = routes.get(path);
            reply = route == null ? new Reply(404, "{\"error\":\"Unexpected endpoint or method.\"}", false) : route.apply(requestBody);
        }
        if (reply.hang()) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** A base URL where nothing listens: a port that was free a moment ago. */
    public static String refusedUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
