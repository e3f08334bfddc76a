package dev.fitd.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The micro-cache of serialized model answers ({@code fitd.response-cache.*}). Schedulers on every node
 * poll the same few URLs every few seconds; answering a repeat of an identical request from the bytes
 * written a moment ago costs a map lookup instead of filtering, sorting and serializing rows again.
 */
@ConfigMapping(prefix = "fitd.response-cache")
public interface ResponseCacheConfig {

    /**
     * How long an answer may be reused; {@code 0s} turns the cache off. An entry is also ignored as
     * soon as a new hardware snapshot, a new local-runtime inventory or a reloaded catalog replaces the
     * one it was computed from, so this only bounds staleness that no version captures: 1 s.
     */
    @WithDefault("1s")
    Duration ttl();

    /** Most answers kept at once (a bound on memory with {@link #maxEntryBytes()}). */
    @WithDefault("128")
    int maxEntries();

    /**
     * Largest answer kept, bytes. /{name} and /top answers are a few kB ({@code /top?limit=5}: 13 kB); a full
     * catalog listing (618 kB for the 280 models of the bundled catalog on the RTX 4090 profile, measured
     * 2026-12-06) is not worth keeping 128 of.
     */
    @WithDefault("32768")
    int maxEntryBytes();
}
