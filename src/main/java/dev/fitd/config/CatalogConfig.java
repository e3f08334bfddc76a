package dev.fitd.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the catalog comes from beyond the bundled files ({@code fitd.catalog.*}).
 */
@ConfigMapping(prefix = "fitd.catalog")
public interface CatalogConfig {

    /**
     * Extra catalog directories (comma-separated). Every {@code *.json} file below each one is a catalog
     * file in the bundled format; its entries add models or replace bundled ones with the same key.
     * Later directories win over earlier ones. A leading {@code ~/} means the user's home directory.
     * Unset: bundled catalog only. A missing directory or a malformed file stops startup.
     */
    Optional<List<Path>> overlayDirs();

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
