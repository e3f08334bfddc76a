package dev.fitd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.inventory.source.RuntimeSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapping as Quarkus sees it (SmallRye Config with Quarkus's duration converter), without booting Quarkus. */
class RuntimeConfigTest {
    private static final Path HOME = Path.of("/home/ada");

    private static RuntimeConfig load(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RuntimeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "test", 300))
                .build();
        return config.getConfigMapping(RuntimeConfig.class);
    }

    @Test
    void defaults() {
        RuntimeSettings s = load(Map.of()).toSettings(HOME);
        assertEquals(URI.create("http://localhost:1234"), s.lmStudio().baseUrl());
        assertEquals(URI.create("http://localhost:11434"), s.ollama().baseUrl());
        assertEquals(URI.create("http://127.0.0.1:1337"), s.jan().baseUrl());
        for (RuntimeSettings.Endpoint e : List.of(s.lmStudio(), s.ollama(), s.jan())) {
            assertTrue(e.enabled());
            assertEquals(Duration.ofSeconds(1), e.connectTimeout());
            assertEquals(Duration.ofSeconds(2), e.readTimeout());
            assertEquals(Duration.ofSeconds(15), e.pollInterval());
            assertEquals(Optional.empty(), e.token());
        }
        assertTrue(s.gguf().enabled());
        assertTrue(s.gguf().defaultDirs());
        assertEquals(List.of(), s.gguf().dirs());
        assertEquals(Duration.ofMinutes(5), s.gguf().scanInterval());
        assertEquals(100_000, s.gguf().maxFiles());
    }

    @Test
    void everyKey() {
        RuntimeSettings s = load(Map.ofEntries(
                Map.entry("fitd.runtimes.lmstudio.base-url", "http://gpu-box:1234/"),
                Map.entry("fitd.runtimes.lmstudio.token", "sk-lm-abc"),
                Map.entry("fitd.runtimes.lmstudio.connect-timeout", "250ms"),
                Map.entry("fitd.runtimes.lmstudio.read-timeout", "PT3S"),
                Map.entry("fitd.runtimes.ollama.enabled", "false"),
                Map.entry("fitd.runtimes.ollama.poll-interval", "1m"),
                Map.entry("fitd.runtimes.jan.api-key", "jan-secret"),
                Map.entry("fitd.runtimes.gguf.dirs", "~/models, /srv/gguf,~"),
                Map.entry("fitd.runtimes.gguf.default-dirs", "false"),
                Map.entry("fitd.runtimes.gguf.scan-interval", "30s"),
                Map.entry("fitd.runtimes.gguf.max-files", "500"))).toSettings(HOME);
        assertEquals(URI.create("http://gpu-box:1234"), s.lmStudio().baseUrl(), "trailing slash dropped");
        assertEquals(Optional.of("sk-lm-abc"), s.lmStudio().token());
        assertEquals(Duration.ofMillis(250), s.lmStudio().connectTimeout());
        assertEquals(Duration.ofSeconds(3), s.lmStudio().readTimeout());
        assertFalse(s.ollama().enabled());
        assertEquals(Duration.ofMinutes(1), s.ollama().pollInterval());
        assertEquals(Optional.of("jan-secret"), s.jan().token());
        assertEquals(List.of(Path.of("/home/ada/models"), Path.of("/srv/gguf"), HOME), s.gguf().dirs());
        assertFalse(s.gguf().defaultDirs());
        assertEquals(Duration.ofSeconds(30), s.gguf().scanInterval());
        assertEquals(500, s.gguf().maxFiles());
    }
}
