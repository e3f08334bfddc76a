package dev.fitd;

import dev.fitd.catalog.CatalogPreload;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The daemon's entry point: starts reading the bundled catalog on a second thread
 * ({@link CatalogPreload}), then boots Quarkus and runs until it is told to stop. Reading the catalog
 * does not depend on configuration, so it overlaps the framework's own start instead of following it.
 */
@QuarkusMain
public final class Main {
    Main() { }   // package-private: Quarkus registers the @QuarkusMain class as a bean

    public static void main(String... args) {
        CatalogPreload.start();
        Quarkus.run(args);
    }
}
