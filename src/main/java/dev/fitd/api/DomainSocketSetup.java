package dev.fitd.api;

import dev.fitd.config.SecurityConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.DomainSocketServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Housekeeping for the optional Unix domain socket listener ({@code quarkus.http.domain-socket-enabled}).
 * Before the HTTP server binds: creates the socket's directory and removes a stale socket left by a
 * daemon that died (binding would fail with "address in use" otherwise) — but only a socket nobody
 * answers on, and never a regular file. Once bound: sets the file mode to
 * {@code fitd.security.socket-permissions} (0660 by default). Until then the socket has the mode the
 * umask gives it; with the usual 022 others cannot connect (connecting needs write permission).
 */
@ApplicationScoped
public class DomainSocketSetup {
    private static final Logger LOG = Logger.getLogger(DomainSocketSetup.class);

    @Inject
    SecurityConfig security;
    @ConfigProperty(name = "quarkus.http.domain-socket-enabled", defaultValue = "false")
    boolean enabled;
    @ConfigProperty(name = "quarkus.http.domain-socket", defaultValue = "/var/run/io.quarkus.app.socket")
    String socketPath;

    void beforeBind(@Observes StartupEvent start) throws IOException {
        if (enabled) {
            prepare(Path.of(socketPath));
        }
    }

    void afterBind(@ObservesAsync DomainSocketServerStart started) {
        if (!enabled) {
            return;
        }
        Path socket = Path.of(socketPath);
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString(security.socketPermissions()));
            LOG.infof("listening on unix:%s (mode %s)", socket, security.socketPermissions());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.errorf("could not set mode %s on %s: %s", security.socketPermissions(), socket, e.toString());
        }
    }

    /** Create the directory; delete {@code socket} if it is a socket that no process answers on. */
    static void prepare(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes attrs = Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isOther()) {
            throw new IOException("refusing to replace " + socket + ": it exists and is not a socket");
        }
        if (answers(socket)) {
            throw new IOException("another process is listening on " + socket + ": not replacing it");
        }
        Files.delete(socket);
        LOG.infof("removed stale socket %s", socket);
    }

    private static boolean answers(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }
}
