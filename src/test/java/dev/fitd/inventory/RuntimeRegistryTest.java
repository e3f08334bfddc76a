package dev.fitd.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.inventory.files.GgufScannerTest;
import dev.fitd.inventory.http.FakeRuntimeServer;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeClient;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeSettings;
import dev.fitd.inventory.source.RuntimeState;
import dev.fitd.inventory.source.RuntimeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeRegistryTest {
    private static final Duration CONNECT = Duration.ofMillis(300);
    private static final Duration READ = Duration.ofMillis(500);

    @TempDir
    Path home;

    private static RuntimeInventory await(RuntimeRegistry r, Predicate<RuntimeInventory> done) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            RuntimeInventory inv = r.latest();
            if (done.test(inv)) {
                return inv;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not reached in 10 s: " + r.latest().statuses());
    }

    private static boolean allPolled(RuntimeInventory inv) {
        return inv.statuses().stream().noneMatch(s -> s.state() == RuntimeState.PENDING);
    }

    @Test
    void aHealthyAHungAnUnauthorisedAndADiskRuntimeSideBySide() throws Exception {
        try (FakeRuntimeServer lm = new FakeRuntimeServer();
             FakeRuntimeServer ollama = new FakeRuntimeServer();
             FakeRuntimeServer jan = new FakeRuntimeServer()) {
            lm.answer("/api/v1/models", 200, Fixtures.read("lmstudio/v1-seed-000.json"));
            ollama.hang("/api/tags");
            jan.requireToken("right").answer("/v1/models", 200, Fixtures.read("jan/models-full.json"));
            Path dir = Files.createDirectories(home.resolve(".lmstudio/models/pub/Tiny-GGUF"));
            GgufScannerTest.model("llama", "Tiny", 15).write(dir.resolve("Tiny-Q4_K_M.gguf"));
            Files.writeString(dir.resolve("Broken-Q4_K_M.gguf"), "GGUF\u0003");

            RuntimeSettings settings = new RuntimeSettings(
                    RuntimeSettings.Endpoint.at(lm.baseUrl()).withTimeouts(CONNECT, READ),
                    RuntimeSettings.Endpoint.at(ollama.baseUrl()).withTimeouts(CONNECT, READ),
                    RuntimeSettings.Endpoint.at(jan.baseUrl()).withTimeouts(CONNECT, READ).withToken("wrong"),
                    new RuntimeSettings.Gguf(true, true, List.of(), null, 0));
            try (RuntimeRegistry registry = RuntimeRegistry.create(settings, home, Clock.systemUTC())) {
                RuntimeInventory before = registry.latest();
                assertEquals(4, before.statuses().size());
                assertTrue(before.statuses().stream().allMatch(s -> s.state() == RuntimeState.PENDING));

                long t0 = System.nanoTime();
                registry.start();
                // while Ollama hangs, readers are never blocked
                long worstNanos = 0;
                for (int i = 0; i < 1000; i++) {
                    long s = System.nanoTime();
                    assertNotNull(registry.latest());
                    worstNanos = Math.max(worstNanos, System.nanoTime() - s);
                }
                assertTrue(worstNanos < 50_000_000L, "latest() took " + worstNanos / 1_000_000 + " ms");

                RuntimeInventory inv = await(registry, RuntimeRegistryTest::allPolled);
                long tookMs = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(tookMs < CONNECT.toMillis() + READ.toMillis() + 2500, "all polled after " + tookMs + " ms");

                RuntimeStatus lms = inv.status(RuntimeKind.LMSTUDIO).orElseThrow();
                assertTrue(lms.reachable());
                assertEquals(3, lms.installedCount());
                assertEquals(1, lms.loadedCount());
                assertNull(lms.lastError());
                assertNotNull(lms.lastChecked());

                RuntimeStatus ol = inv.status(RuntimeKind.OLLAMA).orElseThrow();
                assertFalse(ol.reachable());
                assertEquals(RuntimeState.TIMEOUT, ol.state());
                assertTrue(ol.lastError().contains(ollama.baseUrl()), ol.lastError());
                assertTrue(ol.latencyMs() < CONNECT.toMillis() + READ.toMillis() + 1000, "latency " + ol.latencyMs());

                RuntimeStatus js = inv.status(RuntimeKind.JAN).orElseThrow();
                assertEquals(RuntimeState.UNAUTHORIZED, js.state());
                assertTrue(js.lastError().contains("401"));

                RuntimeStatus gs = inv.status(RuntimeKind.GGUF).orElseThrow();
                assertTrue(gs.reachable());
                assertEquals(1, gs.installedCount());
                assertTrue(gs.warnings().get(0).contains("Broken-Q4_K_M.gguf"), gs.warnings().toString());

                assertEquals(4, inv.installed().size(), "3 from LM Studio + 1 file; Ollama and Jan add nothing");
                assertEquals(List.of("google/gemma-4-26b-a4b"), inv.loaded().stream().map(LoadedInstance::modelId).toList());
                assertEquals(List.of(RuntimeKind.LMSTUDIO, RuntimeKind.OLLAMA, RuntimeKind.JAN, RuntimeKind.GGUF),
                        inv.statuses().stream().map(RuntimeStatus::runtime).toList());
            }
        }
    }

    /** A client whose answers the test scripts. */
    private static final class Scripted implements RuntimeClient {
        final List<RuntimePoll> answers = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        /** Every thread that polled: the registry's poll threads. */
        final java.util.Set<Thread> pollers = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public RuntimeKind kind() { return RuntimeKind.OLLAMA; }

        @Override
        public String location() { return "http://scripted"; }

        @Override
        public RuntimePoll poll() {
            pollers.add(Thread.currentThread());
            int i = calls.getAndIncrement();
            RuntimePoll p = answers.get(Math.min(i, answers.size() - 1));
            if (p == null) {
                throw new IllegalStateException("client bug");
            }
            return p;
        }
    }

    private static RuntimePoll okPoll() {
        InstalledModel m = new InstalledModel(RuntimeKind.OLLAMA, "llama3.2:latest", null, null, null, "llama", "Q4_K_M",
                null, 2019393189L, null, "gguf", "3.2B", null, null, null, null, null, null);
        LoadedInstance i = new LoadedInstance(RuntimeKind.OLLAMA, "llama3.2:latest", null, 4096, null, null, null, null,
                null, null, null, null);
        return new RuntimePoll(RuntimeState.OK, new RuntimeListing(List.of(m), List.of(i), List.of()), "0.12.3",
                "/api/tags", null, 5, List.of());
    }

    @Test
    void aFailedPollKeepsTheLastInstalledListAsStaleAndDropsLoadedInstances() {
        Scripted c = new Scripted();
        c.answers.add(okPoll());
        c.answers.add(RuntimePoll.failed(RuntimeState.TIMEOUT, "/api/tags", "no answer", 3000));
        c.answers.add(okPoll());
        RuntimeRegistry r = new RuntimeRegistry(List.of(new RuntimeRegistry.Source(c, Duration.ofHours(1))), List.of(),
                Clock.systemUTC());

        RuntimeInventory first = r.refreshNow();
        assertEquals(1, first.installed().size());
        assertEquals(1, first.loaded().size());
        RuntimeStatus ok = first.status(RuntimeKind.OLLAMA).orElseThrow();
        assertEquals("0.12.3", ok.version());
        assertFalse(ok.stale());

        RuntimeInventory second = r.refreshNow();
        RuntimeStatus failed = second.status(RuntimeKind.OLLAMA).orElseThrow();
        assertFalse(failed.reachable());
        assertTrue(failed.stale());
        assertEquals("no answer", failed.lastError());
        assertEquals(ok.lastSuccess(), failed.lastSuccess());
        assertEquals(1, second.installed().size(), "still on disk");
        assertTrue(second.loaded().isEmpty(), "a runtime that does not answer serves nothing");

        RuntimeStatus back = r.refreshNow().status(RuntimeKind.OLLAMA).orElseThrow();
        assertTrue(back.reachable());
        assertFalse(back.stale());
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }

        @Override
        public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
    }

    @Test
    void aStaleListIsDroppedOnceTheLastSuccessIsOlderThanTheTtl() {
        Scripted c = new Scripted();
        c.answers.add(okPoll());
        c.answers.add(RuntimePoll.failed(RuntimeState.DOWN, "/api/tags", "connection refused", 1));
        ManualClock clock = new ManualClock();
        RuntimeRegistry r = new RuntimeRegistry(List.of(new RuntimeRegistry.Source(c, Duration.ofHours(1))), List.of(),
                clock, Duration.ofMinutes(10));
        assertEquals(1, r.refreshNow().installed().size());

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        RuntimeInventory within = r.refreshNow();
        assertEquals(1, within.installed().size(), "within the TTL the last good list is kept");
        assertTrue(within.status(RuntimeKind.OLLAMA).orElseThrow().stale());

        clock.now = clock.now.plus(Duration.ofMinutes(2));
        RuntimeInventory expired = r.refreshNow();
        assertTrue(expired.installed().isEmpty(), "11 minutes after the last success: no longer installed");
        RuntimeStatus st = expired.status(RuntimeKind.OLLAMA).orElseThrow();
        assertTrue(st.stale());
        assertEquals(0, st.installedCount());
        assertTrue(st.warnings().stream().anyMatch(w -> w.contains("stale-installed-ttl")), st.warnings().toString());
    }

    @Test
    void aNegativeTtlIsRejectedNamingItsKey() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new RuntimeSettings(RuntimeSettings.Endpoint.at("http://a:1"), RuntimeSettings.Endpoint.at("http://b:2"),
                        RuntimeSettings.Endpoint.at("http://c:3"), new RuntimeSettings.Gguf(false, false, List.of(), null, 0),
                        Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("fitd.runtimes.stale-installed-ttl"));
    }

    @Test
    void aClientBugIsAStatusAndPollingGoesOn() throws Exception {
        Scripted c = new Scripted();
        c.answers.add(null);
        c.answers.add(okPoll());
        List<RuntimeInventory> published = new ArrayList<>();
        try (RuntimeRegistry r = new RuntimeRegistry(List.of(new RuntimeRegistry.Source(c, Duration.ofMillis(20))),
                List.of(), Clock.systemUTC())) {
            r.onChange(published::add);
            r.start();
            RuntimeInventory inv = await(r, i -> i.status(RuntimeKind.OLLAMA).map(RuntimeStatus::reachable).orElse(false));
            assertEquals(1, inv.installed().size());
        }
        Optional<RuntimeInventory> broken = published.stream()
                .filter(i -> i.status(RuntimeKind.OLLAMA).orElseThrow().state() == RuntimeState.BAD_RESPONSE).findFirst();
        assertTrue(broken.orElseThrow().status(RuntimeKind.OLLAMA).orElseThrow().lastError().contains("client bug"));
    }

    @Test
    void disabledRuntimesAreListedButNeverPolled() throws Exception {
        String refused = FakeRuntimeServer.refusedUrl();
        RuntimeSettings settings = new RuntimeSettings(
                RuntimeSettings.Endpoint.at(refused).disabled(),
                RuntimeSettings.Endpoint.at(refused).disabled(),
                RuntimeSettings.Endpoint.at(refused).withTimeouts(CONNECT, READ),
                new RuntimeSettings.Gguf(false, false, List.of(), null, 0));
        RuntimeRegistry r = RuntimeRegistry.create(settings, home, Clock.systemUTC());
        RuntimeInventory inv = r.refreshNow();
        assertEquals(RuntimeState.DISABLED, inv.status(RuntimeKind.LMSTUDIO).orElseThrow().state());
        assertFalse(inv.status(RuntimeKind.LMSTUDIO).orElseThrow().enabled());
        assertEquals(RuntimeState.DISABLED, inv.status(RuntimeKind.GGUF).orElseThrow().state());
        assertEquals(RuntimeState.DOWN, inv.status(RuntimeKind.JAN).orElseThrow().state());
        assertTrue(inv.installed().isEmpty());
    }

    @Test
    void stopIsIdempotentAndStopsPolling() throws Exception {
        Scripted c = new Scripted();
        c.answers.add(okPoll());
        RuntimeRegistry r = new RuntimeRegistry(List.of(new RuntimeRegistry.Source(c, Duration.ofMillis(10))), List.of(),
                Clock.systemUTC());
        r.start();
        r.start();
        await(r, RuntimeRegistryTest::allPolled);
        r.stop();
        r.stop();
        // no fixed sleep to show that nothing happens: every thread that polled must end (a scheduler still
        // running keeps its worker waiting for the next poll), and once they have, no poll can follow
        assertFalse(c.pollers.isEmpty());
        for (Thread t : c.pollers) {
            t.join(5_000);
            assertFalse(t.isAlive(), "poll thread " + t.getName() + " still runs after stop()");
        }
        int after = c.calls.get();
        r.stop();
        assertEquals(after, c.calls.get(), "a stopped registry polls no more");
    }
}
