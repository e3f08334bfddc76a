package dev.fitd.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code fitd serve [--host H] [--port P] [--unix-socket PATH]}: llmfit's {@code serve} flags (AlexsJones/llmfit
 * {@code llmfit-tui/src/main.rs}, {@code Commands::Serve}), so programs that launch {@code llmfit serve} can launch
 * fitd. The flags become the Quarkus properties they stand for, set as system properties before start-up:
 * <ul>
 *   <li>{@code --host H} → {@code quarkus.http.host}; {@code --port P} (0–65535) → {@code quarkus.http.port};</li>
 *   <li>{@code --unix-socket PATH} → {@code quarkus.http.domain-socket-enabled=true},
 *       {@code quarkus.http.domain-socket=PATH}, {@code quarkus.http.host-enabled=false} and
 *       {@code quarkus.vertx.prefer-native-transport=true} (docs/operations.md): like llmfit, the
 *       socket replaces TCP, so it cannot be combined with {@code --host}/{@code --port}.</li>
 * </ul>
 * Both {@code --flag value} and {@code --flag=value} are accepted. A flag overrides a {@code -D} property of the
 * same key (the command line is the more specific request); {@code -D} properties for anything else keep working.
 * llmfit's {@code --mcp}, {@code --send-events} and {@code --nats-url} are not implemented by fitd and, like any
 * unknown argument, end the program with the usage text and exit code 2 (the convention of getopt and clap).
 */
public final class ServeCommand {

    /** Exit code of a command-line usage error. */
    public static final int USAGE_ERROR = 2;

    static final String USAGE = """
            usage: java -jar fitd.jar [serve [--host HOST] [--port PORT] [--unix-socket PATH]]

              serve                 run the HTTP daemon (the default when no command is given)
              --host HOST           interface to bind (default: quarkus.http.host, 127.0.0.1 as shipped)
              --port PORT           TCP port, 0-65535 (default: quarkus.http.port, 8787 as shipped)
              --unix-socket PATH    listen on this Unix domain socket instead of TCP (not with --host/--port)
              -h, --help            print this text

            Quarkus properties work too: java -Dquarkus.http.port=9000 -jar fitd.jar serve
            """;

    private static final Set<String> LLMFIT_ONLY = Set.of("--mcp", "--send-events", "--nats-url");

    private ServeCommand() { }

    /** What the arguments mean: properties to set, or a message to print and an exit code. */
    record Parsed(Map<String, String> properties, String message, int exitCode) {
        boolean run() { return message == null; }
    }

    /**
     * Parses the arguments after {@code serve}. Pure.
     */
    static Parsed parse(String[] args) {
        Map<String, String> props = new LinkedHashMap<>();
        String host = null;
        String port = null;
        String socket = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                return new Parsed(Map.of(), USAGE, 0);
            }
            String flag = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                flag = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (LLMFIT_ONLY.contains(flag)) {
                return error("'" + flag + "' is an llmfit serve flag that fitd does not implement");
            }
            if (!flag.equals("--host") && !flag.equals("--port") && !flag.equals("--unix-socket")) {
                return error("unknown argument '" + a + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    return error(flag + " needs a value");
                }
                value = args[++i];
            }
            if (value.isBlank()) {
                return error(flag + " needs a non-empty value");
            }
            switch (flag) {
                case "--host" -> {
                    if (host != null) {
                        return error("--host is given twice");
                    }
                    host = value;
                }
                case "--port" -> {
                    if (port != null) {
                        return error("--port is given twice");
                    }
                    if (!value.matches("[0-9]{1,5}") || Integer.parseInt(value) > 65535) {
                        return error("invalid --port value '" + value + "': a number from 0 to 65535");
                    }
                    port = value;
                }
                default -> {
                    if (socket != null) {
                        return error("--unix-socket is given twice");
                    }
                    socket = value;
                }
            }
        }
        if (socket != null && (host != null || port != null)) {
            return error("--unix-socket cannot be combined with --host or --port (the socket replaces TCP, as in llmfit)");
        }
        if (host != null) {
            props.put("quarkus.http.host", host);
        }
        if (port != null) {
            props.put("quarkus.http.port", port);
        }
        if (socket != null) {
            props.put("quarkus.http.domain-socket-enabled", "true");
            props.put("quarkus.http.domain-socket", socket);
            props.put("quarkus.http.host-enabled", "false");
            props.put("quarkus.vertx.prefer-native-transport", "true");   // Vert.x binds Unix sockets only natively
        }
        return new Parsed(Map.copyOf(props), null, 0);
    }

    private static Parsed error(String message) {
        return new Parsed(Map.of(), "fitd serve: " + message + "\n\n" + USAGE, USAGE_ERROR);
    }

    /**
     * Applies {@code serve}'s arguments (everything after the word {@code serve}) as system properties, or prints
     * the usage and exits (0 for {@code --help}, {@value #USAGE_ERROR} for a bad argument).
     *
     * @return the arguments to hand to Quarkus: none, all were consumed
     */
    public static String[] configure(String[] serveArgs) {
        return configure(serveArgs, System.out, System.err);
    }

    static String[] configure(String[] serveArgs, PrintStream out, PrintStream err) {
        Parsed p = parse(serveArgs);
        if (!p.run()) {
            (p.exitCode() == 0 ? out : err).print(p.message());
            (p.exitCode() == 0 ? out : err).flush();
            System.exit(p.exitCode());
        }
        p.properties().forEach(System::setProperty);
        return new String[0];
    }
}
