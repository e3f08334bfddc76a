package dev.fitd.inventory.source;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plain configuration of runtime discovery, built from {@code dev.fitd.config.RuntimeConfig} (or by
 * hand in tests). No framework types.
 *
 * @param lmStudio LM Studio's server
 * @param ollama Ollama's server
 * @param jan Jan's local API server
 * @param gguf GGUF file scanning
 * @param staleInstalledTtl how long a runtime whose polls fail keeps its last good installed list
 *        ({@code installed_stale} rows); after that its models are no longer installed
 */
public record RuntimeSettings(Endpoint lmStudio, Endpoint ollama, Endpoint jan, Gguf gguf, Duration staleInstalledTtl) {

    /**
     * Default time a runtime that stopped answering keeps its models installed: 10 minutes, i.e. 40 missed
     * 15 s polls. Long enough that a restart or a busy server does not flip rows to not installed, short
     * enough that a runtime that is gone stops counting within minutes.
     */
    public static final Duration DEFAULT_STALE_INSTALLED_TTL = Duration.ofMinutes(10);

    public RuntimeSettings {
        Objects.requireNonNull(lmStudio, "lmStudio");
        Objects.requireNonNull(ollama, "ollama");
        Objects.requireNonNull(jan, "jan");
        Objects.requireNonNull(gguf, "gguf");
        staleInstalledTtl = staleInstalledTtl == null ? DEFAULT_STALE_INSTALLED_TTL : staleInstalledTtl;
        if (staleInstalledTtl.isNegative()) {
            throw new IllegalArgumentException("fitd.runtimes.stale-installed-ttl must not be negative, got "
                    + staleInstalledTtl);
        }
    }

    /** Settings with the default {@link #DEFAULT_STALE_INSTALLED_TTL}. */
    public RuntimeSettings(Endpoint lmStudio, Endpoint ollama, Endpoint jan, Gguf gguf) {
        this(lmStudio, ollama, jan, gguf, null);
    }

    /** Default connect timeout: a local server accepts at once or is not running. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Default read timeout: a model list is a small local answer. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);
    /** Default poll interval of the HTTP runtimes. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
    /** Default interval between GGUF directory scans (unchanged files are not re-read). */
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofMinutes(5);

    /**
     * One HTTP runtime.
     *
     * @param enabled whether to poll it
     * @param baseUrl scheme, host and port, e.g. {@code http://localhost:1234}
     * @param token bearer token (LM Studio) or API key (Jan) sent as {@code Authorization: Bearer}
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout how long to wait for the answer once connected
     * @param pollInterval time between polls
     */
    public record Endpoint(boolean enabled, URI baseUrl, Optional<String> token, Duration connectTimeout,
                           Duration readTimeout, Duration pollInterval) {
        public Endpoint {
            Objects.requireNonNull(baseUrl, "baseUrl");
            token = token == null ? Optional.empty() : token.filter(t -> !t.isBlank());
            connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
            readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT);
            pollInterval = positive(pollInterval, DEFAULT_POLL_INTERVAL);
            String s = baseUrl.toString();
            if (s.endsWith("/")) {
                baseUrl = URI.create(s.substring(0, s.length() - 1));
            }
        }

        /** An enabled endpoint with default timeouts and no token. */
        public static Endpoint at(String baseUrl) {
            return new Endpoint(true, URI.create(baseUrl), Optional.empty(), null, null, null);
        }

        public Endpoint withToken(String t) {
            return new Endpoint(enabled, baseUrl, Optional.ofNullable(t), connectTimeout, readTimeout, pollInterval);
        }

        public Endpoint withTimeouts(Duration connect, Duration read) {
            return new Endpoint(enabled, baseUrl, token, connect, read, pollInterval);
        }

        public Endpoint disabled() {
            return new Endpoint(false, baseUrl, token, connectTimeout, readTimeout, pollInterval);
        }
    }

    /**
     * GGUF scanning.
     *
     * @param enabled whether to scan
     * @param defaultDirs whether to add LM Studio's and Ollama's model folders (when they exist)
     * @param dirs further directories (or single files) to scan
     * @param scanInterval time between scans
     * @param maxFiles most files visited per scan, against huge or looping directory trees
     */
    public record Gguf(boolean enabled, boolean defaultDirs, List<Path> dirs, Duration scanInterval, int maxFiles) {
        public Gguf {
            dirs = dirs == null ? List.of() : List.copyOf(dirs);
            scanInterval = positive(scanInterval, DEFAULT_SCAN_INTERVAL);
            maxFiles = maxFiles <= 0 ? 100_000 : maxFiles;
        }
    }

    /** LM Studio on :1234, Ollama on :11434, Jan on 127.0.0.1:1337, default GGUF folders. */
    public static RuntimeSettings defaults() {
        return new RuntimeSettings(Endpoint.at("http://localhost:1234"), Endpoint.at("http://localhost:11434"),
                Endpoint.at("http://127.0.0.1:1337"), new Gguf(true, true, List.of(), null, 0));
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }
}
