package dev.fitd.catalog;

/**
 * A catalog file or entry that cannot be used. The message names the file, the entry (1-based
 * position and key, when known) and the field, e.g.
 * {@code catalog file /x/custom.json, entry 2 (acme/foo): field arch.kv_heads: must be a positive integer, got 0}.
 * Loading stops at the first problem, so there is exactly one message to act on.
 *
 * <p>This type itself means the catalog's <em>content</em> (or configuration) is wrong: malformed JSON,
 * a schema or rule violation, a duplicate key, a missing overlay directory. Its one subtype,
 * {@link CatalogReadException}, means a file could not be <em>read</em> at all (an I/O error, permission
 * denied), which says nothing about its content and may pass; callers tell the two apart by type.
 */
public sealed class CatalogException extends RuntimeException permits CatalogReadException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem in one field of one entry. */
    static CatalogException inEntry(String source, int entryNumber, String key, String field, String problem) {
        return new CatalogException(where(source, entryNumber, key) + ": field " + field + ": " + problem);
    }

    /** A problem in a file-level field (outside any entry). */
    static CatalogException inFile(String source, String field, String problem) {
        return new CatalogException("catalog file " + source + ": field " + field + ": " + problem);
    }

    /** {@code catalog file S, entry N (key)}: how messages name an entry. */
    static String where(String source, int entryNumber, String key) {
        return "catalog file " + source + ", entry " + entryNumber + " (" + (key == null ? "no key" : key) + ")";
    }
}
