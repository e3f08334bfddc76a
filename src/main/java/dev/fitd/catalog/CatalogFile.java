package dev.fitd.catalog;

import java.util.List;

/**
 * One parsed and validated catalog file.
 *
 * @param source how messages name the file: {@code classpath:catalog/x.json} for a bundled file, the
 *               absolute path for an overlay file
 * @param models its entries in file order (entry {@code n} of messages is {@code models.get(n - 1)})
 */
public record CatalogFile(String source, List<ModelSpec> models) {
    public CatalogFile {
        models = List.copyOf(models);
    }
}
