package dev.fitd.catalog;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded catalog: an immutable list of models in key order, with an index from every key and
 * alias (case-insensitive) to its entry. Built by {@link CatalogLoader} at start and at every reload
 * ({@link LiveCatalog}); immutable, so requests read it without locks and a reload replaces it whole.
 */
public final class Catalog {
    private final List<ModelSpec> models;
    private final Map<String, ModelSpec> byName;

    public Catalog(List<ModelSpec> models) {
        this.models = models.stream().sorted(Comparator.comparing(ModelSpec::key)).toList();
        Map<String, ModelSpec> index = new HashMap<>();
        for (ModelSpec m : this.models) {
            index.put(m.key().toLowerCase(Locale.ROOT), m);
            for (String alias : m.aliases()) {
                index.putIfAbsent(alias.toLowerCase(Locale.ROOT), m);
            }
        }
        this.byName = Map.copyOf(index);
    }

    /** All models, sorted by key. */
    public List<ModelSpec> models() { return models; }

    /** The model whose key or alias equals {@code name}, ignoring case. */
    public Optional<ModelSpec> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public int size() { return models.size(); }

    /** Built on first use; one per catalog instance, so a reload (a new instance) gets a new one. */
    private volatile NameResolver names;

    /**
     * The name resolver of this catalog (runtime join, {@code /models/{name}}, the plan endpoint): built
     * once, on first use, then shared by every request against this catalog version.
     */
    public NameResolver names() {
        NameResolver n = names;
        if (n == null) {
            synchronized (this) {
                n = names;
                if (n == null) {
                    n = new NameResolver(this);
                    names = n;
                }
            }
        }
        return n;
    }
}
