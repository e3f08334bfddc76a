package dev.fitd.inventory.http;

import dev.fitd.inventory.source.RuntimeListing;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Turns one HTTP outcome plus a parser into a {@link RuntimePoll}. */
public final class HttpPolls {
    private HttpPolls() { }

    public static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** The failure a non-answer or a non-2xx answer stands for, or null for a 2xx answer. */
    public static RuntimeHttp.Outcome.Failed failure(RuntimeHttp.Outcome outcome, String url) {
        if (outcome instanceof RuntimeHttp.Outcome.Failed f) {
            return f;
        }
        RuntimeHttp.Outcome.Answered a = (RuntimeHttp.Outcome.Answered) outcome;
        if (a.success()) {
            return null;
        }
        return new RuntimeHttp.Outcome.Failed(RuntimeState.HTTP_ERROR,
                "HTTP " + a.status() + " from " + url + RuntimeHttp.excerpt(a.body()));
    }

    public static RuntimePoll finish(RuntimeHttp.Outcome outcome, String base, String api, long start, List<String> warnings,
                              Function<String, ParseResult<RuntimeListing>> parser) {
        RuntimeHttp.Outcome.Failed failed = failure(outcome, base + api);
        if (failed != null) {
            return new RuntimePoll(failed.state(), RuntimeListing.EMPTY, null, api, failed.error(), elapsedMs(start), warnings);
        }
        ParseResult<RuntimeListing> parsed = parser.apply(((RuntimeHttp.Outcome.Answered) outcome).body());
        if (parsed instanceof ParseResult.Ok<RuntimeListing> ok) {
            List<String> all = new ArrayList<>(warnings);
            all.addAll(ok.warnings());
            return new RuntimePoll(RuntimeState.OK, ok.value(), null, api, null, elapsedMs(start), all);
        }
        return new RuntimePoll(RuntimeState.BAD_RESPONSE, RuntimeListing.EMPTY, null, api,
                parsed.failure().orElseThrow(), elapsedMs(start), warnings);
    }
}
