package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import dev.fitd.testsupport.LoadGenerator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The daemon keeps answering, fast, while its sources misbehave: an {@code nvidia-smi} that hangs, crashes
 * or prints garbage (a fake script via {@code fitd.hardware.nvidia-smi}, re-run every second by the
 * background refresh), and a local runtime (Ollama's URL) that accepts connections and never answers.
 */
@QuarkusTest
@TestProfile(FaultToleranceTest.Faulty.class)
class FaultToleranceTest {
    /** Fixed per JVM: the profile and the test instance are loaded by different class loaders. */
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "fitd-faults-" + ProcessHandle.current().pid());
    static final Path MODE = DIR.resolve("mode");

    static final String FAKE_NVIDIA_SMI = """
            #!/bin/sh
            mode=$(cat "$(dirname "$0")/mode")
            case "$mode" in
              hang) exec sleep 60 ;;
              crash) echo "0, GPU-fake-0000, NVIDIA GeF"; kill -SEGV $$ ;;
              garbage) head -c 3000 /dev/urandom; echo; echo '0, , NaN, -5, 1e999, x, "'; echo ',,,,,,,,,,,,'; exit 0 ;;
            esac
            case "$*" in
              *-L*) echo "GPU 0: NVIDIA GeForce RTX 4090 (UUID: GPU-fake-0000)" ;;
              *) echo "0, GPU-fake-0000, NVIDIA GeForce RTX 4090, 24564, 1024, 23540, 550.54.14, 8.9" ;;
            esac
            """;

    /** A runtime that accepts every connection and never says a word. */
    static final class SilentServer implements Runnable {
        final ServerSocket socket;
        final List<Socket> held = new ArrayList<>();

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this, "silent-runtime");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    held.add(socket.accept());
                }
            } catch (IOException closed) {
                // test JVM ends
            }
        }
    }

    static SilentServer silent;

    public static class Faulty implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                Files.writeString(MODE, "ok");
                Path smi = DIR.resolve("nvidia-smi");
                Files.writeString(smi, FAKE_NVIDIA_SMI);
                Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
                if (silent == null) {
                    silent = new SilentServer();
                }
                return Map.ofEntries(
                        Map.entry("fitd.hardware.profile", ""),
                        Map.entry("fitd.hardware.nvidia-smi", smi.toString()),
                        Map.entry("fitd.hardware.command-timeout", "500ms"),
                        Map.entry("fitd.hardware.refresh-interval", "1s"),
                        Map.entry("fitd.runtimes.ollama.enabled", "true"),
                        Map.entry("fitd.runtimes.ollama.base-url", "http://127.0.0.1:" + silent.socket.getLocalPort()),
                        Map.entry("fitd.runtimes.ollama.connect-timeout", "500ms"),
                        Map.entry("fitd.runtimes.ollama.read-timeout", "500ms"),
                        Map.entry("fitd.runtimes.ollama.poll-interval", "1s"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void answersWhileNvidiaSmiHangsCrashesOrPrintsGarbageAndARuntimeHangs() throws Exception {
        JsonPath system = RestAssured.get("/api/v1/system").then().statusCode(200).extract().jsonPath();
        assertEquals("NVIDIA GeForce RTX 4090", system.getString("system.gpu_name"), "the fake nvidia-smi is read: " + system.prettify());

        LoadGenerator load = LoadGenerator.start(base.toURI().resolve("/api/v1/models/top?limit=3"), 1);
        try {
            for (String mode : List.of("hang", "crash", "garbage")) {
                long before = version();
                Files.writeString(MODE, mode);
                // wait for two refreshes that ran with this mode (the first may have started before)
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (version() < before + 2 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(version() >= before + 2, mode + ": the refresh goes on");
                String warnings = RestAssured.get("/api/v1/system").jsonPath().getString("system.warnings");
                assertTrue(warnings.contains("nvidia-smi"), mode + ": the snapshot says nvidia-smi failed: " + warnings);
            }
            JsonPath runtimes = RestAssured.get("/api/v1/runtimes").then().statusCode(200).extract().jsonPath();
            assertEquals("timeout", runtimes.getString("runtimes.find { it.runtime == 'ollama' }.state"),
                    "the silent runtime is reported as timed out");
        } finally {
            load.close();
            Files.writeString(MODE, "ok");
        }
        LoadGenerator.Result r = load.stop();
        System.out.printf("fault run: %d requests, worst %d ms%n", r.requests(), r.worstMillis());
        assertTrue(r.failures().isEmpty(), "every request answered 200: " + r.failures().subList(0, Math.min(5, r.failures().size())));
        assertTrue(r.requests() > 50, "requests were sent throughout: " + r.requests());
        assertTrue(r.worstMillis() < 1000, "no request waited on a source: worst " + r.worstMillis() + " ms");
    }

    @org.junit.jupiter.api.AfterAll
    static void cleanUp() throws IOException {
        for (String f : List.of("mode", "nvidia-smi")) {
            Files.deleteIfExists(DIR.resolve(f));
        }
        Files.deleteIfExists(DIR);
    }

    private static long version() {
        return RestAssured.get("/api/v1/system").jsonPath().getLong("system.snapshot_version");
    }
}
