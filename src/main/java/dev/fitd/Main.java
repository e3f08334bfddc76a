package dev.fitd;

import dev.fitd.cli.ServeCommand;
import dev.fitd.launch.TunedLaunch;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The daemon's entry point. Serving from a plain {@code java -jar}, it first re-executes itself with the
 * image's JVM flags ({@link TunedLaunch}); then {@link Startup} does the process's start-up wiring (catalog
 * and device-table preload on a second thread, URI validation, the AppCDS training hook), and Quarkus runs
 * until it is told to stop. A terminal-view command ({@code dev.fitd.cli.Cli}) answers once, without Quarkus.
 */
@QuarkusMain
public final class Main {
    Main() { }   // package-private: Quarkus registers the @QuarkusMain class as a bean

    public static void main(String... args) {
        if (dev.fitd.cli.Cli.handles(args)) {   // terminal view: one answer, no HTTP server
            Startup.beforeTerminal();
            System.exit(dev.fitd.cli.Cli.main(args));
        }
        if (args.length == 0 || args[0].equals("serve")) {
            TunedLaunch.execIfUntuned(args);   // returns only when this JVM serves as started
        }
        if (args.length > 0 && "serve".equals(args[0])) {   // llmfit's `serve --host --port --unix-socket`
            args = ServeCommand.configure(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        Startup.beforeDaemon();
        Quarkus.run(args);
    }
}
