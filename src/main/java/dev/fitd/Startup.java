package dev.fitd;

import dev.fitd.api.HttpEdge;
import dev.fitd.service.CatalogPreload;
import dev.fitd.hardware.DeviceTable;
import dev.fitd.ops.AppCdsLinker;
import java.nio.file.Path;

/**
 * Everything {@link Main} does to the process before the daemon or the terminal view starts, in one place.
 * None of it depends on configuration, so it runs before Quarkus reads any:
 * <ol>
 * <li><b>Catalog and device-table preload.</b> {@link CatalogPreload#start(Runnable)} reads the bundled catalog
 *     on a second thread and then loads the GPU/CPU device table ({@link DeviceTable#preload()}) there, so both
 *     overlap the framework's own start (~250 ms on the 2-core build machine) instead of following it. The
 *     result waits in {@link CatalogPreload}'s one handover slot until the catalog service takes it
 *     ({@code CatalogService.start}, or {@code Standalone} for the terminal view); nothing else starts or
 *     takes it, and without a preload (tests, embedded use) the service reads the catalog itself.</li>
 * <li><b>URI validation</b> (daemon only): {@link HttpEdge#takeOverUriValidation()} makes fitd, not Vert.x,
 *     answer a malformed request target, with its own JSON 400.</li>
 * <li><b>AppCDS training hook</b> (daemon only, and only when {@code make-appcds.sh} sets
 *     {@value AppCdsLinker#PROPERTY}): at shutdown, links every class the run loaded so the archive keeps them
 *     ({@link AppCdsLinker}).</li>
 * </ol>
 * Re-executing a plain {@code java -jar} with the image's JVM flags ({@code dev.fitd.launch.TunedLaunch}) comes
 * before all of this, in {@link Main}: it replaces the process.
 */
final class Startup {
    private Startup() { }

    /** Before the terminal view: the catalog and device table are read while the probe runs. */
    static void beforeTerminal() {
        CatalogPreload.start(DeviceTable::preload);
    }

    /** Before Quarkus boots the daemon: URI validation, the preload, and the AppCDS hook when asked for. */
    static void beforeDaemon() {
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
    }
}
