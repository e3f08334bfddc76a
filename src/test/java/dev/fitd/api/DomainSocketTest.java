package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The optional Unix domain socket listener: a stale socket left at the path is replaced on start, the
 * socket gets mode 0660, and the API answers over it. Needs Netty's epoll transport (Linux).
 */
@QuarkusTest
@TestProfile(DomainSocketTest.OnSocket.class)
class DomainSocketTest {
    /** Fixed per JVM: the profile and the test instance are loaded by different class loaders. */
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "fitd-uds-" + ProcessHandle.current().pid());
    static final Path SOCKET = DIR.resolve("fitd.sock");

    /** Leaves a stale socket at the path (bound, then closed: the file stays), then enables the listener. */
    public static class OnSocket implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                Files.createDirectories(DIR);
                Files.deleteIfExists(SOCKET);
                stale.bind(UnixDomainSocketAddress.of(SOCKET));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("quarkus.http.domain-socket-enabled", "true",
                    "quarkus.http.domain-socket", SOCKET.toString(),
                    "quarkus.vertx.prefer-native-transport", "true");
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void cleanUp() throws IOException {
        Files.deleteIfExists(DIR.resolve("not-a-socket"));
    }

    @Test
    void answersOverTheSocketWithMode0660() throws Exception {
        String reply = get("/api/v1/models/top?limit=1");
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply.lines().findFirst().orElse(""));
        assertTrue(reply.contains("\"returned_models\":1"), "a model answer");
        for (int i = 0; i < 50 && !"rw-rw----".equals(mode()); i++) {
            Thread.sleep(100); // the mode is set by an asynchronous observer of the server start
        }
        assertEquals("rw-rw----", mode());
        assertTrue(get("/q/health/ready").contains("\"UP\""));
    }

    @Test
    void theContainerHealthCheckSpeaksOverTheSocketWhenTcpIsOff() throws Exception {
        String status = dev.fitd.ops.HealthCheck.probe(Map.of("QUARKUS_HTTP_DOMAIN_SOCKET_ENABLED", "true",
                "QUARKUS_HTTP_HOST_ENABLED", "false", "QUARKUS_HTTP_DOMAIN_SOCKET", SOCKET.toString()));
        assertTrue(status.startsWith("HTTP/1.") && status.contains(" 200"), status);
    }

    @Test
    void aLiveSocketIsNeverReplaced() {
        IOException e = assertThrows(IOException.class, () -> DomainSocketSetup.prepare(SOCKET));
        assertTrue(e.getMessage().contains("another process is listening"), e.getMessage());
    }

    @Test
    void aRegularFileIsNeverReplaced() throws Exception {
        Path file = Files.writeString(DIR.resolve("not-a-socket"), "data");
        IOException e = assertThrows(IOException.class, () -> DomainSocketSetup.prepare(file));
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        assertEquals("data", Files.readString(file));
    }

    private static String mode() throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(SOCKET));
    }

    private static String get(String target) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(SOCKET))) {
            ch.write(ByteBuffer.wrap(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (ch.read(buf) >= 0 && buf.hasRemaining()) {
                // read until the server closes
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }
}
