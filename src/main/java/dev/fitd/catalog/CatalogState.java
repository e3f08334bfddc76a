package dev.fitd.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The catalog in use at one moment, as {@link LiveCatalog} publishes it.
 *
 * @param version  1 for the catalog loaded at start, one more for every reload that changed the models;
 *                 everything computed from a catalog (graded rows, joined inventories, cached answers)
 *                 is keyed by it
 * @param catalog  the models
 * @param loadedAt when this version was loaded
 * @param warnings what is wrong with the overlays now, one line per problem naming the file (and the
 *                 entry and field for malformed content) and what fitd does about it; empty when the
 *                 catalog in use is what the overlay directories say
 */
public record CatalogState(long version, Catalog catalog, Instant loadedAt, List<String> warnings) {
    public CatalogState {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(loadedAt, "loadedAt");
        warnings = List.copyOf(warnings);
    }
}
