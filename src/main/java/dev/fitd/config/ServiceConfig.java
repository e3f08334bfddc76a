package dev.fitd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the daemon serves: node identity and result caching. */
@ConfigMapping(prefix = "fitd.service")
public interface ServiceConfig {

    /** Node name reported in every response; the host name when absent. */
    Optional<String> nodeName();

    /**
     * Graded catalogs kept per (snapshot, inventory and catalog version, context, quant, KV type, runtime,
     * hardware what-if), at least 1. A query is kept from its second request on (one-off what-ifs are
     * computed and not kept); each entry is one graded catalog, roughly 0.5–1 MB of heap. 16 covers the
     * default query a scheduler fleet polls, its /top variants and a handful of repeated what-ifs.
     */
    @WithDefault("16")
    int cacheEntries();
}
