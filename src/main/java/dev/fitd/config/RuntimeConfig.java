package dev.fitd.config;

import dev.fitd.inventory.source.RuntimeSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Local runtime discovery ({@code fitd.runtimes.*}). Every runtime is optional: a runtime that is not
 * running only shows as unreachable on {@code /api/v1/runtimes}. Timeouts are short because these are
 * local servers: one that does not accept within a second is not running, and a model list is a
 * small answer. Converted to the plain {@link RuntimeSettings} by {@link #toSettings(Path)} before it
 * reaches the inventory packages.
 */
@ConfigMapping(prefix = "fitd.runtimes")
public interface RuntimeConfig {

    /** LM Studio's server ({@code lms server start}, or Developer → Start server). */
    LmStudio lmstudio();

    /** Ollama's server. */
    Ollama ollama();

    /** Jan's local API server (Settings → Local API Server). */
    Jan jan();

    /**
     * How long a runtime that stopped answering keeps its models installed: until then its rows say
     * {@code installed_stale: true}; after, they are no longer installed ({@code installed=true} drops them).
     */
    @WithDefault("10m")
    Duration staleInstalledTtl();

    /** GGUF files on disk. */
    Gguf gguf();

    /** Settings every HTTP runtime has. */
    interface Http {
        /** Whether to poll this runtime at all. */
        @WithDefault("true")
        boolean enabled();

        /** Time to wait for a connection: a local server accepts at once or is not running. */
        @WithDefault("1s")
        Duration connectTimeout();

        /** Time to wait for the answer once connected. */
        @WithDefault("2s")
        Duration readTimeout();

        /** Time between polls; rows show what the last poll found. */
        @WithDefault("15s")
        Duration pollInterval();
    }

    interface LmStudio extends Http {
        @WithDefault("http://localhost:1234")
        URI baseUrl();

        /** Bearer token, needed when LM Studio's server requires an API token. */
        Optional<String> token();
    }

    interface Ollama extends Http {
        @WithDefault("http://localhost:11434")
        URI baseUrl();
    }

    interface Jan extends Http {
        @WithDefault("http://127.0.0.1:1337")
        URI baseUrl();

        /** API key, needed when Jan's local API server is set to require one. */
        Optional<String> apiKey();
    }

    interface Gguf {
        /** Whether to scan for GGUF files. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Whether to scan LM Studio's ({@code ~/.lmstudio/models}, {@code ~/.cache/lm-studio/models})
         * and Ollama's ({@code ~/.ollama/models/blobs}) folders when they exist.
         */
        @WithDefault("true")
        boolean defaultDirs();

        /** Further folders or files to scan, comma-separated; {@code ~} is the user's home. */
        Optional<List<String>> dirs();

        /** Time between scans; unchanged files (same size and mtime) are not read again. */
        @WithDefault("5m")
        Duration scanInterval();

        /** Most files visited per scan, against huge or looping folder trees. */
        @WithDefault("100000")
        int maxFiles();
    }

    /** The plain settings the inventory packages use; {@code home} expands a leading {@code ~}. */
    default RuntimeSettings toSettings(Path home) {
        List<Path> dirs = gguf().dirs().orElse(List.of()).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> s.equals("~") ? home : s.startsWith("~/") ? home.resolve(s.substring(2)) : Path.of(s))
                .toList();
        return new RuntimeSettings(
                endpoint(lmstudio(), lmstudio().baseUrl(), lmstudio().token()),
                endpoint(ollama(), ollama().baseUrl(), Optional.empty()),
                endpoint(jan(), jan().baseUrl(), jan().apiKey()),
                new RuntimeSettings.Gguf(gguf().enabled(), gguf().defaultDirs(), dirs, gguf().scanInterval(),
                        gguf().maxFiles()), staleInstalledTtl());
    }

    private static RuntimeSettings.Endpoint endpoint(Http h, URI base, Optional<String> token) {
        return new RuntimeSettings.Endpoint(h.enabled(), base, token, h.connectTimeout(), h.readTimeout(), h.pollInterval());
    }
}
