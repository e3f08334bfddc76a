package dev.fitd.query;

/**
 * How the {@code /models/{name}} path name selects rows: one row when the name resolves (the catalog's
 * name resolver, or an uncatalogued local model's own key), else every row whose search text contains it.
 *
 * @param key the one row's key, null for a substring match
 * @param how {@code exact}, {@code alias}, {@code normalised}, {@code gguf_metadata} or {@code substring}:
 *            the rows' {@code matched_by}
 */
public record NameMatch(String key, String how) {

    /** A name that resolved to no single model but is part of some model's names. */
    public static final NameMatch SUBSTRING = new NameMatch(null, "substring");

    public boolean single() { return key != null; }
}
