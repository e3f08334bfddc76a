package dev.fitd.catalog;

/**
 * A catalog file or overlay directory whose bytes could not be read (an I/O error, permission denied),
 * as opposed to a {@link CatalogException} about what a file says. Nothing is known about the content
 * of such a file, and the condition may pass (a file being replaced, a mount coming back), so a running
 * daemon leaves the file out or keeps its last good catalog and tries again, where malformed content
 * stops start-up. The message names the file, e.g.
 * {@code catalog file /x/custom.json: cannot be read: Input/output error}.
 */
public final class CatalogReadException extends CatalogException {

    CatalogReadException(String message, Throwable cause) {
        super(message, cause);
    }

    CatalogReadException(String message) {
        super(message);
    }
}
