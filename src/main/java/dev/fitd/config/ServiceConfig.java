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
     * hardware what-if).
     * Each entry is one list of rows (~300 small records); 64 covers the distinct queries a scheduler
     * fleet sends between two snapshots with room to spare.
     */
    @WithDefault("64")
    int cacheEntries();
}
