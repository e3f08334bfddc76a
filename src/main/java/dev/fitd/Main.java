package dev.fitd;

import dev.fitd.api.HttpEdge;
import dev.fitd.catalog.CatalogPreload;
import dev.fitd.cli.ServeCommand;
import dev.fitd.hardware.DeviceTable;
import dev.fitd.launch.TunedLaunch;
import dev.fitd.ops.AppCdsLinker;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

/**
 * The daemon's entry point: starts reading the bundled catalog and then the GPU/CPU device table on a
 * second thread ({@link CatalogPreload}), then boots Quarkus and runs until it is told to stop. Neither
 * depends on configuration, so they overlap the framework's own start instead of following it.
 * Serving from a plain {@code java -jar}, it first re-executes itself with the image's JVM flags
 * ({@link TunedLaunch}). In the AppCDS training run ({@code make-appcds.sh} sets {@value AppCdsLinker#PROPERTY}) it also links,
 * at shutdown, every class the run loaded, so the archive keeps them all.
 */
@QuarkusMain
public final class Main {
    Main() { }   // package-private: Quarkus registers the @QuarkusMain class as a bean

    public static void main(String... args) {
        if (dev.fitd.cli.Cli.handles(args)) {   // terminal view: one answer, no HTTP server
            System.exit(dev.fitd.cli.Cli.main(args));
        }
        if (args.length == 0 || args[0].equals("serve")) {
            TunedLaunch.execIfUntuned(args);   // returns only when this JVM serves as started
        }
        if (args.length > 0 && "serve".equals(args[0])) {   // llmfit's `serve --host --port --unix-socket`
            args = ServeCommand.configure(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        HttpEdge.takeOverUriValidation();
        CatalogPreload.start(DeviceTable::preload);
        String classLog = System.getProperty(AppCdsLinker.PROPERTY);
        if (classLog != null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                AppCdsLinker.Outcome o = AppCdsLinker.linkAll(Path.of(classLog), loader);
                System.err.printf("make-appcds: linked %d loaded classes (%d not found)%n", o.linked(), o.failed());
            }, "fitd-appcds-link"));
        }
        Quarkus.run(args);
    }
}
