package dev.fitd.api;

import dev.fitd.inventory.http.FakeRuntimeServer;
import dev.fitd.inventory.Fixtures;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Three local runtimes for end-to-end tests: LM Studio answering seed 000's example JSON verbatim,
 * Ollama answering its documented tags / ps / show shapes, and a Jan that accepts the connection and
 * never answers.
 */
public class FakeRuntimes implements QuarkusTestResourceLifecycleManager {
    private FakeRuntimeServer lmStudio;
    private FakeRuntimeServer ollama;
    private FakeRuntimeServer jan;

    @Override
    public Map<String, String> start() {
        try {
            lmStudio = new FakeRuntimeServer().answer("/api/v1/models", 200, Fixtures.read("lmstudio/v1-seed-000.json"));
            ollama = new FakeRuntimeServer()
                    .answer("/api/tags", 200, Fixtures.read("ollama/tags.json"))
                    .answer("/api/ps", 200, Fixtures.read("ollama/ps.json"))
                    .answer("/api/version", 200, Fixtures.read("ollama/version.json"))
                    .answer("/api/show", 200, Fixtures.read("ollama/show-llama3.2.json"));
            jan = new FakeRuntimeServer().hang("/v1/models");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("fitd.runtimes.lmstudio.base-url", lmStudio.baseUrl()),
                Map.entry("fitd.runtimes.ollama.base-url", ollama.baseUrl()),
                Map.entry("fitd.runtimes.jan.base-url", jan.baseUrl()),
                Map.entry("fitd.runtimes.jan.read-timeout", "5s"),
                Map.entry("fitd.runtimes.lmstudio.enabled", "true"),
                Map.entry("fitd.runtimes.ollama.enabled", "true"),
                Map.entry("fitd.runtimes.jan.enabled", "true"),
                Map.entry("fitd.runtimes.lmstudio.poll-interval", "1s"),
                Map.entry("fitd.runtimes.ollama.poll-interval", "1s"),
                Map.entry("fitd.runtimes.jan.poll-interval", "1s"),
                Map.entry("fitd.runtimes.gguf.enabled", "false"));
    }

    @Override
    public void stop() {
        for (FakeRuntimeServer s : new FakeRuntimeServer[] {lmStudio, ollama, jan}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
