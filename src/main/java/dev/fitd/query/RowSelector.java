package dev.fitd.query;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.fit.FitResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies a {@link ModelQuery} to graded rows: filter, sort, then limit (seed 003: "limit is applied
 * after all filtering and sorting"). Pure apart from a cache of each model's lower-cased search text.
 *
 * <p>The cache is per catalog version: an entry holds the {@link ModelSpec} instance its text was built
 * from, and a row whose spec is another instance (a reloaded catalog builds new ones, with new aliases or
 * display names) rebuilds it. Without that check {@code search=} kept matching the old text after an
 * overlay reload.
 */
public final class RowSelector {

    private record Text(ModelSpec spec, String text) { }

    private final Map<String, Text> searchText = new ConcurrentHashMap<>();

    /** Filter, sort and limit {@code rows} as {@code query} asks, with nothing installed. */
    public Selection select(ModelQuery query, List<FitResult> rows) {
        return select(query, rows, Presence.NONE);
    }

    /** Filter, sort and limit {@code rows} as {@code query} asks; {@code presence} answers installed/loaded. */
    public Selection select(ModelQuery query, List<FitResult> rows, Presence presence) {
        return select(query, rows, presence, null);
    }

    /**
     * Filter, sort and limit {@code rows}; on {@code /models/{name}}, {@code name} says whether the path
     * name resolved to one row ({@link NameMatch#single()}: only that row, whatever else contains the
     * name) or is a substring of model names (null: substring, as before).
     */
    public Selection select(ModelQuery query, List<FitResult> rows, Presence presence, NameMatch name) {
        List<FitResult> kept = new ArrayList<>();
        boolean single = query.name() != null && name != null && name.single();
        for (FitResult r : rows) {
            if (single && !r.model().key().equals(name.key())) {
                continue;
            }
            if (passes(query, r, !single) && passesPresence(query, r.model().key(), presence)) {
                kept.add(r);
            }
        }
        Comparator<FitResult> order = query.sort().order();
        if (query.name() != null) {
            // /models/{name}: an exact key, alias or display-name match ranks before partial matches.
            Comparator<FitResult> exactFirst = Comparator.comparing(r -> !exactMatch(r.model(), query.name()));
            order = exactFirst.thenComparing(order);
        }
        kept.sort(order);
        int total = kept.size();
        List<FitResult> page = query.limit() == null || query.limit() >= total ? kept : kept.subList(0, query.limit());
        return new Selection(total, page);
    }

    /** Whether the path name matches any model at all, whatever the other filters say. */
    public boolean nameMatchesAny(String name, List<ModelSpec> models) {
        String needle = name.toLowerCase(Locale.ROOT);
        return models.stream().anyMatch(m -> text(m).contains(needle));
    }

    private static boolean passesPresence(ModelQuery q, String key, Presence presence) {
        return (q.installed() == null || presence.installed(key) == q.installed())
                && (q.loaded() == null || presence.loaded(key) == q.loaded());
    }

    boolean passes(ModelQuery q, FitResult r) {
        return passes(q, r, true);
    }

    private boolean passes(ModelQuery q, FitResult r, boolean nameAsSubstring) {
        ModelSpec m = r.model();
        if (!q.admits(r.level())) {
            return false;
        }
        if (q.runtime().runtime() != null && r.estimate().runtime() != q.runtime().runtime()) {
            return false;
        }
        if (q.type() != null && m.type() != q.type()) {
            return false;
        }
        if (q.useCase() != null && m.useCase() != q.useCase()) {
            return false;
        }
        if (q.provider() != null && !m.publisher().toLowerCase(Locale.ROOT).contains(q.provider())
                && !m.provider().toLowerCase(Locale.ROOT).contains(q.provider())) {
            return false;
        }
        if (q.search() != null && !text(m).contains(q.search())) {
            return false;
        }
        return q.name() == null || !nameAsSubstring || text(m).contains(q.name());
    }

    /**
     * What {@code search} looks in, lower-cased: key and display name (the model name), aliases,
     * publisher and provider, the parameter count string ({@code 7B}), the use case and its category
     * label. Fields are separated by a newline so a match never spans two.
     */
    private String text(ModelSpec m) {
        Text t = searchText.get(m.key());
        if (t == null || t.spec() != m) {
            t = new Text(m, String.join("\n",
                    m.key(), m.displayName(), String.join("\n", m.aliases()), m.publisher(), m.provider(),
                    m.paramsString(), m.useCase().wire(), CategoryLabels.of(m.useCase()))
                    .toLowerCase(Locale.ROOT));
            searchText.put(m.key(), t);
        }
        return t.text();
    }

    private static boolean exactMatch(ModelSpec m, String name) {
        return m.key().equalsIgnoreCase(name) || m.displayName().equalsIgnoreCase(name)
                || m.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }
}
