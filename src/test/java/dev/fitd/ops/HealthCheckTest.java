package dev.fitd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HEALTHCHECK client over TCP, against a stand-in server that answers 200 on some paths only. */
class HealthCheckTest {
    private HttpServer server;
    private final List<String> asked = new ArrayList<>();
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            String path = x.getRequestURI().getPath();
            synchronized (asked) {
                asked.add(path);
            }
            int status = path.equals("/health") || path.startsWith("/q/health/") ? 200 : 503;
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        server.start();
        env = Map.of("QUARKUS_HTTP_PORT", String.valueOf(server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void withoutArgumentsItAsksForHealthOnly() throws Exception {
        assertEquals("HTTP/1.1 200 OK", HealthCheck.probe(env));
        assertEquals(0, HealthCheck.run(env, HealthCheck.DEFAULT_PATH));
        assertEquals(List.of("/health", "/health"), asked);
    }

    @Test
    void everyPathMustAnswer200() {
        assertEquals(0, HealthCheck.run(env, "/q/health/ready", "/q/health/live"));
        assertEquals(1, HealthCheck.run(env, "/q/health/ready", "/api/v1/models/top", "/q/health/live"));
        assertEquals(List.of("/q/health/ready", "/q/health/live", "/q/health/ready", "/api/v1/models/top"), asked,
                "stops at the first failure");
    }

    @Test
    void aPathThatCannotBeARequestLineIsRefusedBeforeConnecting() {
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.probe(env, "health"));
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.probe(env, "/a b"));
        assertThrows(IllegalArgumentException.class, () -> HealthCheck.probe(env, "/a\r\nX-Injected: 1"));
        assertEquals(1, HealthCheck.run(env, "/health", "nope"));
        assertEquals(List.of("/health"), asked);
    }

    @Test
    void anUnreachableDaemonFails() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertEquals(1, HealthCheck.run(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port)), "/health"));
    }
}
