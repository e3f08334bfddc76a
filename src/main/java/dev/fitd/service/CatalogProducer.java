package dev.fitd.service;

import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.CatalogLoader;
import dev.fitd.catalog.ModelType;
import dev.fitd.config.CatalogConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the catalog once, at startup: the bundled files plus the overlay directories of
 * {@code fitd.catalog.overlay-dirs}. A malformed file throws a {@link dev.fitd.catalog.CatalogException}
 * from startup, so the daemon never runs on a catalog it could not read whole.
 */
@ApplicationScoped
public class CatalogProducer {
    private static final Logger LOG = Logger.getLogger(CatalogProducer.class);

    @Produces
    @Singleton
    Catalog catalog(CatalogConfig config) {
        return load(CatalogConfig.overlayDirectories(config));
    }

    /** Forces loading during startup instead of at the first request that needs the catalog. */
    void onStart(@Observes StartupEvent event, Catalog catalog) {
        LOG.debugf("catalog ready: %d models", catalog.size());
    }

    static Catalog load(List<Path> overlayDirs) {
        Catalog catalog = new CatalogLoader().load(overlayDirs);
        long embedding = catalog.models().stream().filter(m -> m.type() == ModelType.EMBEDDING).count();
        LOG.infof("catalog loaded: %d models (%d llm, %d embedding), overlay directories %s",
                catalog.size(), catalog.size() - embedding, embedding, overlayDirs);
        return catalog;
    }
}
