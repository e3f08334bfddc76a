package dev.fitd.catalog;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges catalog sources into one {@link Catalog}: later sources replace earlier entries by key, and
 * the names of the result (keys and aliases, ignoring case, as {@link Catalog#find} matches them) are
 * unique. A clash is reported on the later of the two entries: the one a user just added.
 */
final class CatalogMerge {

    /** An entry with where it came from, for messages. */
    private record Located(ModelSpec spec, String source, int number) {
        String where() { return CatalogException.where(source, number, spec.key()); }
    }

    private CatalogMerge() { }

    /** {@code sources.get(0)} is the bundled catalog, then each overlay directory in order. */
    static Catalog merge(List<List<CatalogFile>> sources) {
        Map<String, Located> byKey = new LinkedHashMap<>();
        for (List<CatalogFile> source : sources) {
            Map<String, Located> inSource = new HashMap<>();
            for (CatalogFile file : source) {
                for (int i = 0; i < file.models().size(); i++) {
                    Located entry = new Located(file.models().get(i), file.source(), i + 1);
                    String key = lower(entry.spec().key());
                    Located twin = inSource.put(key, entry);
                    if (twin != null) {
                        throw clash(entry, "key", "duplicates the key of " + twin.where());
                    }
                    byKey.remove(key);
                    byKey.put(key, entry);
                }
            }
        }
        checkNames(byKey);
        return new Catalog(byKey.values().stream().map(Located::spec).toList());
    }

    private static void checkNames(Map<String, Located> byKey) {
        Map<String, Located> aliasOwner = new HashMap<>();
        Map<String, Located> keyOwner = new HashMap<>();
        for (Located entry : byKey.values()) {
            String key = lower(entry.spec().key());
            Located aliasTwin = aliasOwner.get(key);
            if (aliasTwin != null) {
                throw clash(entry, "key", "\"" + entry.spec().key() + "\" is already an alias of " + aliasTwin.where());
            }
            List<String> aliases = entry.spec().aliases();
            for (int j = 0; j < aliases.size(); j++) {
                String alias = lower(aliases.get(j));
                if (alias.equals(key)) {
                    continue;
                }
                Located keyTwin = keyOwner.get(alias);
                if (keyTwin != null) {
                    throw clash(entry, "aliases[" + j + "]", "\"" + aliases.get(j) + "\" is the key of " + keyTwin.where());
                }
                Located owner = aliasOwner.putIfAbsent(alias, entry);
                if (owner != null && owner != entry) {
                    throw clash(entry, "aliases[" + j + "]", "\"" + aliases.get(j) + "\" is already an alias of " + owner.where());
                }
            }
            keyOwner.put(key, entry);
        }
    }

    private static CatalogException clash(Located entry, String field, String problem) {
        return CatalogException.inEntry(entry.source(), entry.number(), entry.spec().key(), field, problem);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
