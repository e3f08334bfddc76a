package dev.fitd.inventory.http;

import dev.fitd.inventory.source.RuntimeSettings;
import dev.fitd.inventory.source.RuntimeState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A small JSON-over-HTTP helper for one runtime: bearer token, hard deadline, capped body, and every
 * failure turned into a {@link Outcome.Failed} with a {@link RuntimeState} and a message naming the
 * URL. A request never takes longer than connect timeout + read timeout (plus scheduling slack):
 * the client's own timeouts are backed by a deadline on the future, which is cancelled when it passes.
 */
public final class RuntimeHttp {
    /** Largest body accepted: model lists are kilobytes; {@code /api/show} without verbose is under a megabyte. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** Built on the first request (see {@link #client()}); null until then. */
    private volatile HttpClient client;
    private final Duration connectTimeout;
    private final URI base;
    private final Optional<String> token;
    private final Duration readTimeout;
    private final long deadlineMs;

    /** What one request ended with. */
    public sealed interface Outcome {
        /** The server answered with some HTTP status. */
        record Answered(int status, String body) implements Outcome {
            public boolean success() { return status >= 200 && status < 300; }
        }

        /** No usable HTTP answer. */
        record Failed(RuntimeState state, String error) implements Outcome { }
    }

    public RuntimeHttp(RuntimeSettings.Endpoint endpoint) {
        this.base = endpoint.baseUrl();
        this.token = endpoint.token();
        this.readTimeout = endpoint.readTimeout();
        this.deadlineMs = endpoint.connectTimeout().toMillis() + endpoint.readTimeout().toMillis();
        this.connectTimeout = endpoint.connectTimeout();
    }

    /**
     * The HTTP client, built on first use. Building one initialises the JDK's TLS stack (providers,
     * cipher suites, the default SSLContext: ~130 ms on the 2-core build machine), which a daemon whose
     * runtimes are disabled never needs, and which would otherwise sit on the start-up path.
     */
    public HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .connectTimeout(connectTimeout)
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    public URI base() { return base; }

    public Outcome get(String path) {
        return send(request(path).GET().build());
    }

    public Outcome postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "fitd");
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    private Outcome send(HttpRequest request) {
        String url = request.uri().toString();
        CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request, info -> new CappedBody(MAX_BODY_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(deadlineMs, TimeUnit.MILLISECONDS);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                return new Outcome.Failed(RuntimeState.UNAUTHORIZED, "HTTP " + status + " from " + url
                        + (token.isPresent() ? ": the configured token was refused" : ": a token or API key is required")
                        + excerpt(body));
            }
            return new Outcome.Answered(status, body);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome.Failed(RuntimeState.TIMEOUT, "no answer from " + url + " within " + deadlineMs + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome.Failed(RuntimeState.TIMEOUT, "interrupted while asking " + url);
        } catch (ExecutionException e) {
            return classify(url, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            return new Outcome.Failed(RuntimeState.DOWN, "cannot ask " + url + ": " + e);
        }
    }

    private Outcome classify(String url, Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof HttpTimeoutException || root instanceof ConnectException) {
                break;
            }
            root = root.getCause();
        }
        if (t instanceof HttpConnectTimeoutException || root instanceof HttpConnectTimeoutException) {
            return new Outcome.Failed(RuntimeState.TIMEOUT, "no connection to " + url + " within the connect timeout");
        }
        if (t instanceof HttpTimeoutException || root instanceof HttpTimeoutException) {
            return new Outcome.Failed(RuntimeState.TIMEOUT, "no answer from " + url + " within " + readTimeout.toMillis() + " ms");
        }
        if (t instanceof ConnectException || root instanceof ConnectException) {
            return new Outcome.Failed(RuntimeState.DOWN, "connection refused at " + url + " (not running?)");
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new Outcome.Failed(RuntimeState.DOWN, "unknown host in " + url);
        }
        if (root instanceof BodyTooLargeException) {
            return new Outcome.Failed(RuntimeState.BAD_RESPONSE, url + ": " + root.getMessage());
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new Outcome.Failed(root instanceof IOException ? RuntimeState.DOWN : RuntimeState.BAD_RESPONSE,
                "failed to read " + url + ": " + msg);
    }

    public static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String s = body.strip().replaceAll("\\s+", " ");
        return " (" + (s.length() > 160 ? s.substring(0, 160) + "…" : s) + ")";
    }

    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long max) {
            super("response body larger than " + max + " bytes");
        }
    }

    /** Collects the body, cancelling the exchange once it passes {@code max} bytes. */
    public static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final long max;
        private Flow.Subscription subscription;

        CappedBody(long max) { this.max = max; }

        @Override
        public CompletionStage<byte[]> getBody() { return result; }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (out.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException(max));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) { result.completeExceptionally(t); }

        @Override
        public void onComplete() { result.complete(out.toByteArray()); }
    }
}
