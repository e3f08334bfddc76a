package dev.fitd.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar started as the README says, {@code java -jar target/fitd.jar}, with no JVM option
 * variable: the daemon that answers is the same process, now running the image's flags, and it stops
 * on SIGTERM like any daemon. With a flag of the user's own, it is left alone.
 */
class TunedLaunchIT {
    static final Path ROOT = Path.of("").toAbsolutePath();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Process start(int port, Path log, String... jvmArgs) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.util.List.of(jvmArgs));
        cmd.addAll(java.util.List.of("-Dquarkus.http.port=" + port,
                "-Dfitd.hardware.profile=" + ROOT.resolve("config/profile.rtx4090.example.json"),
                "-Dfitd.runtimes.lmstudio.enabled=false", "-Dfitd.runtimes.ollama.enabled=false",
                "-Dfitd.runtimes.jan.enabled=false", "-Dfitd.runtimes.gguf.enabled=false",
                "-jar", ROOT.resolve("target/fitd.jar").toString()));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        for (String v : TunedLaunch.JVM_OPTION_VARIABLES) {
            b.environment().remove(v);
        }
        b.environment().remove(TunedLaunch.OPT_OUT_ENV);
        b.environment().remove("MALLOC_ARENA_MAX");
        return b.start();
    }

    private static void awaitHealth(Process p, int port, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 120; i++) {
            assertTrue(p.isAlive(), "the daemon died: " + Files.readString(log));
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not healthy after 30 s: " + Files.readString(log));
    }

    @Test
    void thePlainJarBecomesTheTunedDaemonInTheSameProcess() throws Exception {
        Path log = Files.createTempFile("fitd-plain", ".log");
        int port = freePort();
        Process p = start(port, log);
        try {
            awaitHealth(p, port, log);
            String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains(" -XX:+UseSerialGC ") && cmdline.contains(" -Xmx96m ")
                    && cmdline.contains(" -Dfitd.launch.tuned=true ") && cmdline.contains(" -Dquarkus.http.port=" + port + " "),
                    "same pid, the image's flags and the user's options: " + cmdline);
            String environ = Files.readString(Path.of("/proc/" + p.pid() + "/environ"));
            assertTrue(environ.contains("MALLOC_ARENA_MAX=2"), "MALLOC_ARENA_MAX as in the image");
            assertTrue(Files.readString(log).contains("Listening on: http://127.0.0.1:" + port),
                    "the new image writes to the same standard output");
        } finally {
            p.destroy();   // SIGTERM to the pid the caller knows
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
        }
        assertTrue(p.exitValue() == 0 || p.exitValue() == 143, "exit code " + p.exitValue());
    }

    @Test
    void aFlagOfTheUsersOwnIsLeftAlone() throws Exception {
        Path log = Files.createTempFile("fitd-own", ".log");
        int port = freePort();
        Process p = start(port, log, "-Xmx200m");
        try {
            awaitHealth(p, port, log);
            String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(cmdline.contains("-Xmx200m") && !cmdline.contains("UseSerialGC"), cmdline);
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(-1, Files.readString(log).indexOf("fitd: running with"), "says nothing when the user chose");
    }
}
