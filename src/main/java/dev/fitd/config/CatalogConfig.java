package dev.fitd.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Where the catalog comes from beyond the bundled files, and how it follows them while fitd runs
 * ({@code fitd.catalog.*}).
 */
@ConfigMapping(prefix = "fitd.catalog")
public interface CatalogConfig {

    /** The key of {@link #reloadInterval()}, for messages and the scheduler's expression. */
    String RELOAD_INTERVAL_KEY = "fitd.catalog.reload-interval";

    /**
     * Extra catalog directories (comma-separated). Every {@code *.json} file below each one is a catalog
     * file in the bundled format; its entries add models or replace bundled ones with the same key.
     * Later directories win over earlier ones. A leading {@code ~/} means the user's home directory.
     * Unset: bundled catalog only. At startup a missing directory or a malformed file stops fitd; a file
     * whose read fails (I/O error, permission denied) is left out and reported as a warning.
     */
    Optional<List<Path>> overlayDirs();

    /**
     * How often the overlay directories are checked for changes while fitd runs: a stat of each catalog
     * file, with no parsing unless a file was added, removed or changed (or could not be read last time).
     * A change reloads the whole catalog in the background, so a custom model appears without a restart;
     * a reload that meets an unreadable or malformed file keeps the last good catalog and reports the
     * file. A duration ({@code 10s}, {@code 500ms}, {@code PT1M}); {@code 0s} or {@code off} turns
     * reloading off, so the overlays are read once, at start. The scheduler looks at its jobs once a
     * second, so a shorter interval acts as one second. Checked when the configuration is read, before
     * anything starts, so a bad value stops fitd with one message naming the key.
     */
    @WithDefault("10s")
    @WithConverter(ReloadIntervalConverter.class)
    String reloadInterval();

    /** Checks {@link #reloadInterval()} while the configuration is read (the scheduler would only say "invalid every()"). */
    final class ReloadIntervalConverter implements Converter<String> {
        @Override
        public String convert(String value) {
            parseReloadInterval(value);
            return value.strip();
        }
    }

    /**
     * {@link #reloadInterval()} checked: empty when reloading is off ({@code 0s}, {@code off}, or
     * {@code disabled}, which the scheduler also treats as off).
     *
     * @throws IllegalArgumentException naming the key when the value is neither a duration nor off, or
     *                                  is negative
     */
    static Optional<Duration> reloadInterval(CatalogConfig config) {
        return parseReloadInterval(config.reloadInterval());
    }

    /** {@link #reloadInterval(CatalogConfig)} of a raw value. */
    private static Optional<Duration> parseReloadInterval(String value) {
        String raw = value.strip();
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.equals("off") || lower.equals("disabled")) {
            return Optional.empty();
        }
        Duration interval;
        try {
            interval = DurationConverter.parseDuration(raw);
        } catch (RuntimeException e) {
            interval = null;
        }
        if (interval == null) {
            throw new IllegalArgumentException(RELOAD_INTERVAL_KEY + "=" + raw
                    + ": not a duration (10s, 500ms, PT1M) or off");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException(RELOAD_INTERVAL_KEY + "=" + raw + ": must not be negative (0s or off turns reloading off)");
        }
        return interval.isZero() ? Optional.empty() : Optional.of(interval);
    }

    /** {@link #overlayDirs()} as absolute paths, {@code ~/} expanded; empty when unset. */
    static List<Path> overlayDirectories(CatalogConfig config) {
        return config.overlayDirs().orElse(List.of()).stream().map(CatalogConfig::expandHome).toList();
    }

    /** {@code ~} or {@code ~/x} → the home directory (or {@code x} inside it); other paths unchanged. */
    static Path expandHome(Path path) {
        String s = path.toString();
        if (s.equals("~") || s.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(s.equals("~") ? "" : s.substring(2)).normalize();
        }
        return path;
    }
}
