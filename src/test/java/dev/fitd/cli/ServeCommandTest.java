package dev.fitd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** llmfit's {@code serve} flags become Quarkus properties; anything else is usage and exit code 2. */
class ServeCommandTest {

    @Test
    void hostAndPortInBothSpellings() {
        ServeCommand.Parsed p = ServeCommand.parse(new String[] {"--host", "0.0.0.0", "--port=9000"});
        assertTrue(p.run());
        assertEquals(Map.of("quarkus.http.host", "0.0.0.0", "quarkus.http.port", "9000"), p.properties());
    }

    @Test
    void noFlagsChangeNothing() {
        assertEquals(Map.of(), ServeCommand.parse(new String[0]).properties());
    }

    @Test
    void aUnixSocketReplacesTcp() {
        ServeCommand.Parsed p = ServeCommand.parse(new String[] {"--unix-socket", "/run/llmfit/llmfit.sock"});
        assertEquals(Map.of("quarkus.http.domain-socket-enabled", "true", "quarkus.http.domain-socket", "/run/llmfit/llmfit.sock",
                "quarkus.http.host-enabled", "false", "quarkus.vertx.prefer-native-transport", "true"), p.properties());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--port", "--port=abc", "--port=70000", "--host=", "--mcp", "--send-events",
            "--nats-url=nats://x", "--unix-socket=/tmp/s --port=1", "--host a --host b", "8787", "-p 8787"})
    void anythingElseIsAUsageError(String args) {
        ServeCommand.Parsed p = ServeCommand.parse(args.split(" "));
        assertEquals(ServeCommand.USAGE_ERROR, p.exitCode(), args);
        assertTrue(p.message().startsWith("fitd serve: ") && p.message().contains("usage:"), p.message());
    }

    @Test
    void helpIsUsageAndSuccess() {
        ServeCommand.Parsed p = ServeCommand.parse(new String[] {"--help"});
        assertEquals(0, p.exitCode());
        assertTrue(p.message().contains("--unix-socket"));
    }
}
