package dev.fitd.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Did you mean": the catalog keys nearest to a name nobody knows, for {@link NameResolver#suggestions}.
 * Built once per catalog alongside the resolver's index.
 */
final class NameSuggestions {
    /** Lower-cased names without publisher, per key. */
    private final Map<String, List<String>> plainNames = new LinkedHashMap<>();

    NameSuggestions(List<ModelSpec> models) {
        for (ModelSpec m : models) {
            List<String> names = new ArrayList<>();
            names.add(m.key());
            names.addAll(m.aliases());
            names.add(m.displayName());
            List<String> plain = new ArrayList<>();
            for (String n : names) {
                String p = n.toLowerCase(Locale.ROOT);
                plain.add(p.substring(p.lastIndexOf('/') + 1));
            }
            plainNames.put(m.key(), List.copyOf(new LinkedHashSet<>(plain)));
        }
    }

    /**
     * Up to {@code max} catalog keys nearest to {@code name} by edit distance (Damerau: a swapped pair
     * of letters counts one) between the name without publisher and any of a model's names without
     * publisher, closest first; only names within about a third of the name's length are offered.
     * Called on a 404 only (≈280 models × their names, under a millisecond).
     */
    List<String> suggestions(String name, int max) {
        String q = name.trim().toLowerCase(Locale.ROOT);
        q = q.substring(q.lastIndexOf('/') + 1);
        int limit = Math.max(2, q.length() / 3);
        record Near(String key, int distance) { }
        List<Near> near = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : plainNames.entrySet()) {
            int best = Integer.MAX_VALUE;
            for (String n : e.getValue()) {
                if (Math.abs(n.length() - q.length()) <= limit) {
                    best = Math.min(best, distance(q, n, Math.min(limit, best)));
                }
            }
            if (best <= limit) {
                near.add(new Near(e.getKey(), best));
            }
        }
        near.sort(Comparator.comparingInt(Near::distance).thenComparing(Near::key));
        List<String> out = new ArrayList<>();
        for (Near n : near) {
            if (out.size() == max) {
                break;
            }
            out.add(n.key());
        }
        return Collections.unmodifiableList(out);
    }

    /** Optimal-string-alignment distance (Levenshtein plus adjacent transposition). */
    static int distance(String a, String b) {
        return distance(a, b, Integer.MAX_VALUE - 1);
    }

    /**
     * The same, giving up once every cell of a row exceeds {@code limit} (the distance can only grow):
     * then {@code limit + 1}. Three rolling rows, no allocation per cell.
     */
    static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
