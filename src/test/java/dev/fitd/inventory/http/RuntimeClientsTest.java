package dev.fitd.inventory.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.inventory.Fixtures;
import dev.fitd.inventory.jan.JanClient;
import dev.fitd.inventory.lmstudio.LmStudioClient;
import dev.fitd.inventory.ollama.OllamaClient;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeClient;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeSettings;
import dev.fitd.inventory.source.RuntimeState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuntimeClientsTest {
    private static final Duration CONNECT = Duration.ofMillis(300);
    private static final Duration READ = Duration.ofMillis(500);
    /** connect + read + scheduling slack on a shared 2-core machine. */
    private static final long BOUND_MS = CONNECT.toMillis() + READ.toMillis() + 1000;

    private FakeRuntimeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeRuntimeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RuntimeSettings.Endpoint endpoint() {
        return RuntimeSettings.Endpoint.at(server.baseUrl()).withTimeouts(CONNECT, READ);
    }

    private static RuntimePoll timed(RuntimeClient client, long boundMs) {
        long t0 = System.nanoTime();
        RuntimePoll p = client.poll();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < boundMs, "poll took " + ms + " ms, bound " + boundMs + " ms");
        return p;
    }

    @Test
    void lmStudioV1SeedVerbatimWithBearerToken() {
        server.requireToken("sk-lm-123").answer("/api/v1/models", 200, Fixtures.read("lmstudio/v1-seed-000.json"));
        RuntimePoll p = timed(new LmStudioClient(endpoint().withToken("sk-lm-123")), BOUND_MS);
        assertEquals(RuntimeState.OK, p.state(), p.error());
        assertEquals("/api/v1/models", p.api());
        assertEquals(3, p.listing().installed().size());
        assertEquals(1, p.listing().loaded().size());
        assertEquals(List.of("Bearer sk-lm-123"), server.authorizations);
        assertNull(p.error());
    }

    @Test
    void lmStudioFallsBackToV0On404() {
        server.answer("/api/v0/models", 200, Fixtures.read("lmstudio/v0-models.json"));
        RuntimePoll p = timed(new LmStudioClient(endpoint()), 2 * BOUND_MS);
        assertEquals(RuntimeState.OK, p.state(), p.error());
        assertEquals("/api/v0/models", p.api());
        assertEquals(3, p.listing().installed().size());
        assertTrue(p.warnings().get(0).contains("404"), p.warnings().toString());
        assertEquals(1, server.hits("/api/v1/models"));
    }

    @Test
    void lmStudioWithoutTheRequiredTokenIsUnauthorized() {
        server.requireToken("secret").answer("/api/v1/models", 200, Fixtures.read("lmstudio/v1-seed-001.json"));
        RuntimePoll p = timed(new LmStudioClient(endpoint()), BOUND_MS);
        assertEquals(RuntimeState.UNAUTHORIZED, p.state());
        assertTrue(p.error().contains("HTTP 401"), p.error());
        assertTrue(p.error().contains("token"), p.error());
        assertTrue(p.listing().installed().isEmpty());

        RuntimePoll wrong = new LmStudioClient(endpoint().withToken("guess")).poll();
        assertEquals(RuntimeState.UNAUTHORIZED, wrong.state());
        assertTrue(wrong.error().contains("refused"), wrong.error());
    }

    @Test
    void serverErrorIsHttpError() {
        server.answer("/api/v1/models", 500, "{\"error\":\"model index corrupted\"}");
        RuntimePoll p = timed(new LmStudioClient(endpoint()), BOUND_MS);
        assertEquals(RuntimeState.HTTP_ERROR, p.state());
        assertTrue(p.error().startsWith("HTTP 500 from " + server.baseUrl() + "/api/v1/models"), p.error());
        assertTrue(p.error().contains("model index corrupted"), p.error());
    }

    @Test
    void invalidJsonIsBadResponse() {
        server.answer("/api/v1/models", 200, Fixtures.read("invalid.json"));
        RuntimePoll p = timed(new LmStudioClient(endpoint()), BOUND_MS);
        assertEquals(RuntimeState.BAD_RESPONSE, p.state());
        assertTrue(p.error().contains("invalid JSON"), p.error());
    }

    @Test
    void aHangingServerTimesOutWithinConnectPlusRead() {
        server.hang("/api/v1/models").hang("/api/tags").hang("/v1/models");
        for (RuntimeClient c : List.of(new LmStudioClient(endpoint()), new OllamaClient(endpoint()), new JanClient(endpoint()))) {
            RuntimePoll p = timed(c, BOUND_MS);
            assertEquals(RuntimeState.TIMEOUT, p.state(), c.kind() + ": " + p.error());
            assertTrue(p.error().contains("within"), p.error());
            assertTrue(p.latencyMs() >= READ.toMillis() - 50, "gave up too early: " + p.latencyMs());
        }
    }

    @Test
    void aStoppedRuntimeIsDownAtOnce() throws Exception {
        RuntimeSettings.Endpoint nothing = RuntimeSettings.Endpoint.at(FakeRuntimeServer.refusedUrl()).withTimeouts(CONNECT, READ);
        for (RuntimeClient c : List.of(new LmStudioClient(nothing), new OllamaClient(nothing), new JanClient(nothing))) {
            RuntimePoll p = timed(c, BOUND_MS);
            assertEquals(RuntimeState.DOWN, p.state(), c.kind() + ": " + p.error());
            assertTrue(p.error().contains("connection refused"), p.error());
        }
    }

    @Test
    void anOversizedBodyIsRejected() {
        server.answer("/v1/models", 200, "{\"data\":[\"" + "x".repeat(RuntimeHttp.MAX_BODY_BYTES) + "\"]}");
        RuntimePoll p = new JanClient(RuntimeSettings.Endpoint.at(server.baseUrl())).poll();
        assertEquals(RuntimeState.BAD_RESPONSE, p.state());
        assertTrue(p.error().contains("larger than"), p.error());
    }

    private void ollamaServes() {
        server.answer("/api/tags", 200, Fixtures.read("ollama/tags.json"))
                .answer("/api/ps", 200, Fixtures.read("ollama/ps.json"))
                .answer("/api/version", 200, Fixtures.read("ollama/version.json"))
                .answer("/api/show", body -> body.contains("nomic")
                        ? new FakeRuntimeServer.Reply(200, Fixtures.read("ollama/show-nomic-embed-text.json"), false)
                        : body.contains("llama3.2")
                        ? new FakeRuntimeServer.Reply(200, Fixtures.read("ollama/show-llama3.2.json"), false)
                        : new FakeRuntimeServer.Reply(404, "{\"error\":\"model not found\"}", false));
    }

    @Test
    void ollamaTagsPsShowAndVersion() {
        ollamaServes();
        OllamaClient client = new OllamaClient(endpoint());
        RuntimePoll p = timed(client, 4 * BOUND_MS);
        assertEquals(RuntimeState.OK, p.state(), p.error());
        assertEquals("0.12.3", p.version());
        List<InstalledModel> installed = p.listing().installed();
        assertEquals(3, installed.size(), "the two cloud models are skipped");
        InstalledModel llama = installed.get(0);
        assertNotNull(llama.gguf());
        assertEquals(28, llama.gguf().blockCount());
        assertEquals(131072, llama.maxContextLength());
        assertEquals(3212749888L, llama.parameterCount());
        assertTrue(llama.capabilities().toolUse());
        assertEquals(dev.fitd.catalog.ModelType.EMBEDDING, installed.get(2).type());
        assertNull(installed.get(1).gguf(), "show answered 404 for llama3.1");
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("llama3.1:8b-instruct-q8_0") && w.contains("404")),
                p.warnings().toString());
        LoadedInstance loaded = p.listing().loaded().get(0);
        assertEquals(2865577984L, loaded.vramBytes());
        assertEquals(3, server.hits("/api/show"));

        client.poll();
        assertEquals(4, server.hits("/api/show"), "known digests are not asked again; only the failed one is retried");
    }

    @Test
    void ollamaPsFailureKeepsTheInstalledList() {
        ollamaServes();
        server.answer("/api/ps", 500, "oops");
        RuntimePoll p = new OllamaClient(endpoint()).poll();
        assertEquals(RuntimeState.OK, p.state());
        assertTrue(p.listing().loaded().isEmpty());
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("loaded models unknown: HTTP 500")), p.warnings().toString());
    }

    @Test
    void ollamaShowThatHangsIsBoundedByTheReadTimeoutBudget() {
        ollamaServes();
        server.hang("/api/show");
        RuntimePoll p = timed(new OllamaClient(endpoint()), 2 * BOUND_MS + READ.toMillis());
        assertEquals(RuntimeState.OK, p.state());
        assertEquals(3, p.listing().installed().size());
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("not read yet")), p.warnings().toString());
    }

    @Test
    void janWithApiKey() {
        server.requireToken("jan-key").answer("/v1/models", 200, Fixtures.read("jan/models-full.json"));
        RuntimePoll ok = timed(new JanClient(endpoint().withToken("jan-key")), BOUND_MS);
        assertEquals(RuntimeState.OK, ok.state(), ok.error());
        assertEquals(2, ok.listing().installed().size());
        RuntimePoll no = new JanClient(endpoint()).poll();
        assertEquals(RuntimeState.UNAUTHORIZED, no.state());
    }
}
