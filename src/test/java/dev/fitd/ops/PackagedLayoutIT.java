package dev.fitd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile cannot be built here (no container engine), so this checks what it relies on after
 * {@code package}: every file it copies exists and is not hidden by {@code .dockerignore}, the jar it
 * starts is where it says, and its HEALTHCHECK command works with nothing but the application jar on
 * the class path.
 */
class PackagedLayoutIT {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path APP = ROOT.resolve("target/quarkus-app");

    @Test
    void everyCopySourceExists() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> ignore = Files.readAllLines(ROOT.resolve(".dockerignore"));
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(--from=build\\s+)?(.+?)\\s+(\\S+)$").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            copies++;
            for (String source : copy.group(2).trim().split("\\s+")) {
                if (source.startsWith("--")) {
                    continue;
                }
                if (copy.group(1) != null) {
                    assertTrue(source.startsWith("/src/target/quarkus-app/"), source);
                    Path built = APP.resolve(source.substring("/src/target/quarkus-app/".length()));
                    assertTrue(Files.exists(built), "the build stage produces " + source);
                } else {
                    assertTrue(Files.exists(ROOT.resolve(source)), "the build context has " + source);
                    String top = source.replaceAll("/.*", "");
                    assertTrue(ignore.stream().anyMatch(l -> l.equals("!" + top) || l.startsWith("!" + top + "/")),
                            ".dockerignore lets " + source + " into the build context");
                }
            }
        }
        assertTrue(copies >= 8, "found the COPY lines");
        assertTrue(dockerfile.contains("\"-jar\", \"/deployments/quarkus-run.jar\""));
        assertTrue(Files.isRegularFile(APP.resolve("quarkus-run.jar")));
    }

    @Test
    void healthCheckRunsFromTheApplicationJarAlone() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] status = {200};
        server.createContext("/health", ex -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status[0], body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertEquals(0, healthCheck(port), "200 -> healthy");
            status[0] = 503;
            assertEquals(1, healthCheck(port), "503 -> unhealthy");
        } finally {
            server.stop(0);
        }
        assertEquals(1, healthCheck(1), "nothing listening -> unhealthy");
    }

    private static int healthCheck(int port) throws Exception {
        List<String> jars;
        try (Stream<Path> s = Files.list(APP.resolve("app"))) {
            jars = s.map(Path::toString).filter(n -> n.endsWith(".jar")).toList();
        }
        assertEquals(1, jars.size(), "one application jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-cp", APP.resolve("app") + "/*",
                HealthCheck.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "health check finishes");
        return p.exitValue();
    }
}
