package dev.fitd.query;

/**
 * A query that cannot be answered as given. The message is shown to the caller verbatim (HTTP 400,
 * {@code {"error": message}}) and names the parameter, the value and what is accepted.
 */
public final class QueryException extends RuntimeException {
    private final String parameter;

    public QueryException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    /** The offending parameter, or null when the error is about the query as a whole. */
    public String parameter() { return parameter; }
}
