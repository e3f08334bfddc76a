package dev.fitd.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one load generator of the tests: background threads that send the same GET again and again, each
 * waiting for its answer before the next, until {@link #close()}, and record what came back. Every test that
 * fires many requests while something else happens (a catalog reload, a hanging probe) uses it, so they all
 * count requests, failures and the worst latency the same way.
 *
 * <pre>{@code
 * try (LoadGenerator load = LoadGenerator.start(uri, 1)) {
 *     ... change something ...
 *     LoadGenerator.Result r = load.stop();
 *     assertTrue(r.failures().isEmpty(), ...);
 * }
 * }</pre>
 */
public final class LoadGenerator implements AutoCloseable {

    /**
     * What the load saw.
     *
     * @param requests requests answered or failed
     * @param failures the first failures (a status other than 200 with its body, or the exception), at most 100
     * @param worstMillis the longest wait for one answer, in milliseconds
     */
    public record Result(long requests, List<String> failures, long worstMillis) { }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong worstMillis = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private LoadGenerator() { }

    /** Starts {@code threads} threads sending {@code GET uri} (HTTP/1.1, 5 s timeout per request) until stopped. */
    public static LoadGenerator start(URI uri, int threads) {
        LoadGenerator g = new LoadGenerator();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> g.run(client, request), "test-load-" + i);
            t.setDaemon(true);
            g.threads.add(t);
            t.start();
        }
        return g;
    }

    private void run(HttpClient client, HttpRequest request) {
        while (running.get()) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    fail(r.statusCode() + " " + r.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                fail(e.toString());
            }
            worstMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            requests.incrementAndGet();
        }
    }

    private void fail(String what) {
        synchronized (failures) {
            if (failures.size() < 100) {
                failures.add(what);
            }
        }
    }

    /** Requests so far (answered or failed). */
    public long requests() {
        return requests.get();
    }

    /** Stops the threads (each finishes the request it is waiting for) and returns what they saw. */
    public Result stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not stop within 10 s");
            }
        }
        synchronized (failures) {
            return new Result(requests.get(), List.copyOf(failures), worstMillis.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (running.get()) {
            stop();
        }
    }
}
