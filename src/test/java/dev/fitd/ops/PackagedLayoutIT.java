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
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile cannot be built here (no container engine), so this checks what it relies on after
 * {@code package}: every file it copies exists and is not hidden by {@code .dockerignore}, the jar it
 * starts is where it says, and its HEALTHCHECK command works with nothing but the application jar on
 * the class path.
 */
class PackagedLayoutIT {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path JAR = ROOT.resolve("target/fitd.jar");

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
                if (copy.group(1) != null && source.startsWith("/src/src/")) {
                    assertTrue(Files.exists(ROOT.resolve(source.substring("/src/".length()))), "the build stage has " + source);
                } else if (copy.group(1) != null) {
                    assertTrue(source.startsWith("/src/target/"), source);
                    Path built = ROOT.resolve(source.substring("/src/".length()));
                    assertTrue(Files.exists(built), "the build stage produces " + source);
                } else {
                    assertTrue(Files.exists(ROOT.resolve(source)), "the build context has " + source);
                    String top = source.replaceAll("/.*", "");
                    assertTrue(ignore.stream().anyMatch(l -> l.equals("!" + top) || l.startsWith("!" + top + "/")),
                            ".dockerignore lets " + source + " into the build context");
                }
            }
        }
        assertTrue(copies >= 6, "found the COPY lines");
        assertTrue(dockerfile.contains("COPY --from=build /src/target/fitd.jar fitd.jar"), "the image gets the jar");
        assertTrue(dockerfile.contains("\"-jar\", \"/deployments/fitd.jar\""), "and starts it");
        assertTrue(dockerfile.contains("make-appcds.sh /deployments/fitd.jar"), "for the archive made for it");
        assertTrue(Files.isRegularFile(JAR));
    }

    /**
     * The jar starts fitd's own main class with the JVM's application class loader: then AppCDS maps
     * archived classes without reading them. A Quarkus fast-jar ({@code quarkus-run.jar}) starts a
     * class loader of Quarkus's own, which reads and inflates every class file from its jar first.
     */
    @Test
    void theJarIsOneSelfContainedJarLoadedByTheJvmItself() throws IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
            java.util.jar.Attributes main = jar.getManifest().getMainAttributes();
            assertEquals(dev.fitd.Main.class.getName(), main.getValue("Main-Class"));
            String classPath = main.getValue("Class-Path");
            assertTrue(classPath == null || classPath.isBlank(), "no jars beside it: " + classPath);
            assertTrue(jar.getEntry("io/quarkus/runtime/Quarkus.class") != null, "Quarkus is inside");
            assertTrue(jar.getEntry("dev/fitd/ops/HealthCheck.class") != null, "so is the HEALTHCHECK class");
        }
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

    /**
     * The Dockerfile's AppCDS step, run here against a copy of the packaged jar: the archive is written,
     * and the daemon starts with it under {@code -Xshare:on} (which refuses an unusable archive). Both
     * run with the Dockerfile's {@code JDK_JAVA_OPTIONS}, as in the image, so a flag this JDK does not
     * know fails here.
     */
    @Test
    void appCdsArchiveIsWrittenAndUsable() throws Exception {
        Path deploy = Files.createTempDirectory("fitd-deploy");
        Path jar = Files.copy(JAR, deploy.resolve("fitd.jar"));
        int port = freePort();
        ProcessBuilder make = new ProcessBuilder("sh", ROOT.resolve("src/main/docker/make-appcds.sh").toString(),
                jar.toString()).redirectErrorStream(true);
        String jvmFlags = dockerfileJvmFlags();
        make.environment().put("JDK_JAVA_OPTIONS", jvmFlags);
        make.environment().put("APPCDS_PORT", String.valueOf(port));
        make.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process p = make.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        Path archive = deploy.resolve("app-cds.jsa");
        assertTrue(Files.size(archive) > 1_000_000, out);
        java.util.regex.Matcher linked = java.util.regex.Pattern.compile("make-appcds: linked (\\d+) loaded classes").matcher(out);
        assertTrue(linked.find() && Integer.parseInt(linked.group(1)) > 1000,
                "the training run linked the classes it loaded before the archive was written: " + out);

        ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Dquarkus.http.port=" + port,
                "-Xlog:class+load=info:file=" + deploy.resolve("classes.log"),
                "-Dfitd.hardware.profile=" + ROOT.resolve("config/profile.rtx4090.example.json"),
                "-jar", jar.toString()).redirectErrorStream(true)
                .redirectOutput(deploy.resolve("daemon.log").toFile());
        run.environment().put("JDK_JAVA_OPTIONS", jvmFlags);
        Process daemon = run.start();
        try {
            int code = 1;
            for (int i = 0; i < 60 && code != 0 && daemon.isAlive(); i++) {
                Thread.sleep(500);
                code = healthCheck(port);
            }
            assertEquals(0, code, "starts with the archive: " + Files.readString(deploy.resolve("daemon.log")));
            // The application's and Quarkus's classes come from the archive.
            List<String> loaded = Files.readAllLines(deploy.resolve("classes.log")).stream()
                    .filter(l -> l.contains(" dev.fitd.") || l.contains(" io.quarkus.")).toList();
            long shared = loaded.stream().filter(l -> l.contains("source: shared objects file")).count();
            assertTrue(loaded.size() > 500 && shared >= loaded.size() * 0.9,
                    shared + " of " + loaded.size() + " application and Quarkus classes came from the archive");
        } finally {
            daemon.destroy();
            daemon.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The value of the Dockerfile's {@code ENV JDK_JAVA_OPTIONS="..."}. */
    static String dockerfileJvmFlags() throws IOException {
        Matcher m = Pattern.compile("(?m)^ENV JDK_JAVA_OPTIONS=\"([^\"]+)\"").matcher(Files.readString(ROOT.resolve("Dockerfile")));
        assertTrue(m.find(), "the Dockerfile sets JDK_JAVA_OPTIONS");
        assertTrue(m.group(1).contains("-XX:+UseSerialGC") && m.group(1).contains("-Xmx"), m.group(1));
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Runs the Dockerfile's HEALTHCHECK command as the image would: its exec-form arguments, with the
     * image's JDK_JAVA_OPTIONS in the environment, this JDK's java and the packaged jar.
     */
    private static int healthCheck(int port) throws Exception {
        Matcher cmdLine = Pattern.compile("(?m)^\\s+CMD \\[(.+)]$").matcher(Files.readString(ROOT.resolve("Dockerfile")));
        assertTrue(cmdLine.find(), "the Dockerfile has an exec-form HEALTHCHECK CMD");
        List<String> cmd = new ArrayList<>();
        for (String arg : cmdLine.group(1).split(",\\s*")) {
            String a = arg.trim().replaceAll("^\"|\"$", "");
            cmd.add(switch (a) {
                case "java" -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
                case "/deployments/fitd.jar" -> JAR.toString();
                default -> a;
            });
        }
        assertTrue(cmd.contains(HealthCheck.class.getName()) && cmd.contains(JAR.toString()), cmd.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("JDK_JAVA_OPTIONS", dockerfileJvmFlags());
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "health check finishes");
        return p.exitValue();
    }
}
