package dev.fitd.service;

import java.util.Set;

/** Test access to the bounded set of request-metric uri tags. */
public final class MetricsFiltersAccess {
    public static final Set<String> KNOWN_URIS = MetricsFilters.KNOWN_URIS;

    private MetricsFiltersAccess() { }
}
