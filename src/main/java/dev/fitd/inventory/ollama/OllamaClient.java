package dev.fitd.inventory.ollama;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fitd.catalog.ModelType;
import dev.fitd.inventory.http.HttpPolls;
import dev.fitd.inventory.http.Json;
import dev.fitd.inventory.http.ParseResult;
import dev.fitd.inventory.http.RuntimeHttp;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeClient;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeSettings;
import dev.fitd.inventory.source.RuntimeState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls Ollama: {@code GET /api/tags} (installed; cloud models skipped), {@code GET /api/ps}
 * (loaded), {@code GET /api/version}, and {@code POST /api/show} per installed model for its GGUF
 * metadata. Default base URL {@code http://localhost:11434}. Never throws.
 *
 * <p>{@code /api/show} answers are cached by digest (a digest's weights never change), so only new
 * models cost a request; at most {@link #MAX_SHOWS_PER_POLL} are asked per poll and no more once
 * the poll has used its read timeout, the rest follow on later polls. A failed {@code /api/ps},
 * {@code /api/version} or {@code /api/show} leaves the poll successful with a warning: the installed
 * list is what decides reachability.
 */
public final class OllamaClient implements RuntimeClient {
    static final String TAGS = "/api/tags";
    static final String PS = "/api/ps";
    static final String SHOW = "/api/show";
    static final String VERSION = "/api/version";
    static final int MAX_SHOWS_PER_POLL = 16;

    private final RuntimeHttp http;
    private final long showBudgetMs;
    private final Map<String, OllamaParser.Show> shows = new ConcurrentHashMap<>();

    public OllamaClient(RuntimeSettings.Endpoint endpoint) {
        this.http = new RuntimeHttp(endpoint);
        this.showBudgetMs = endpoint.readTimeout().toMillis();
    }

    @Override
    public RuntimeKind kind() { return RuntimeKind.OLLAMA; }

    @Override
    public String location() { return http.base().toString(); }

    @Override
    public RuntimePoll poll() {
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        RuntimeHttp.Outcome tagsOutcome = http.get(TAGS);
        RuntimeHttp.Outcome.Failed failed = HttpPolls.failure(tagsOutcome, location() + TAGS);
        if (failed != null) {
            return new RuntimePoll(failed.state(), RuntimeListing.EMPTY, null, TAGS, failed.error(),
                    HttpPolls.elapsedMs(start), warnings);
        }
        ParseResult<RuntimeListing> tags = OllamaParser.parseTags(((RuntimeHttp.Outcome.Answered) tagsOutcome).body());
        if (!(tags instanceof ParseResult.Ok<RuntimeListing> okTags)) {
            return new RuntimePoll(RuntimeState.BAD_RESPONSE, RuntimeListing.EMPTY, null, TAGS,
                    tags.failure().orElseThrow(), HttpPolls.elapsedMs(start), warnings);
        }
        warnings.addAll(okTags.warnings());

        List<LoadedInstance> loaded = List.of();
        RuntimeHttp.Outcome psOutcome = http.get(PS);
        RuntimeHttp.Outcome.Failed psFailed = HttpPolls.failure(psOutcome, location() + PS);
        if (psFailed != null) {
            warnings.add("loaded models unknown: " + psFailed.error());
        } else {
            ParseResult<List<LoadedInstance>> ps = OllamaParser.parsePs(((RuntimeHttp.Outcome.Answered) psOutcome).body());
            if (ps instanceof ParseResult.Ok<List<LoadedInstance>> okPs) {
                loaded = okPs.value();
                warnings.addAll(okPs.warnings());
            } else {
                warnings.add("loaded models unknown: " + ps.failure().orElseThrow());
            }
        }

        String version = null;
        RuntimeHttp.Outcome v = http.get(VERSION);
        if (HttpPolls.failure(v, VERSION) == null) {
            version = OllamaParser.parseVersion(((RuntimeHttp.Outcome.Answered) v).body()).result().orElse(null);
        }

        List<InstalledModel> installed = withShows(okTags.value().installed(), start, warnings);
        return new RuntimePoll(RuntimeState.OK, new RuntimeListing(installed, loaded, warnings), version, TAGS, null,
                HttpPolls.elapsedMs(start), warnings);
    }

    private List<InstalledModel> withShows(List<InstalledModel> models, long start, List<String> warnings) {
        Set<String> present = new HashSet<>();
        List<InstalledModel> out = new ArrayList<>(models.size());
        int asked = 0;
        int deferred = 0;
        for (InstalledModel m : models) {
            String cacheKey = m.digest() != null ? m.digest() : m.id();
            present.add(cacheKey);
            OllamaParser.Show show = shows.get(cacheKey);
            if (show == null) {
                if (asked >= MAX_SHOWS_PER_POLL || HttpPolls.elapsedMs(start) > showBudgetMs) {
                    deferred++;
                } else {
                    asked++;
                    show = askShow(m.id(), warnings);
                    if (show != null) {
                        shows.put(cacheKey, show);
                    }
                }
            }
            out.add(show == null ? m : enrich(m, show));
        }
        if (deferred > 0) {
            warnings.add("GGUF metadata of " + deferred + " model(s) not read yet: asked on the next poll");
        }
        shows.keySet().retainAll(present);
        return out;
    }

    private OllamaParser.Show askShow(String model, List<String> warnings) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model);
        RuntimeHttp.Outcome o = http.postJson(SHOW, body.toString());
        RuntimeHttp.Outcome.Failed f = HttpPolls.failure(o, location() + SHOW);
        if (f != null) {
            warnings.add("GGUF metadata of " + model + " unknown: " + f.error());
            return null;
        }
        ParseResult<OllamaParser.Show> parsed = OllamaParser.parseShow(((RuntimeHttp.Outcome.Answered) o).body());
        if (!parsed.isOk()) {
            warnings.add("GGUF metadata of " + model + " unknown: " + parsed.failure().orElseThrow());
        }
        return parsed.result().orElse(null);
    }

    private static InstalledModel enrich(InstalledModel m, OllamaParser.Show show) {
        InstalledModel e = m.withGguf(show.facts());
        if (!show.capabilities().isEmpty()) {
            e = e.withCapabilities(show.asCapabilities());
        }
        if (show.embeddingOnly() && e.type() != ModelType.EMBEDDING) {
            e = new InstalledModel(e.runtime(), e.id(), e.displayName(), e.publisher(), ModelType.EMBEDDING,
                    e.architecture(), e.quantization(), e.bitsPerWeight(), e.sizeBytes(), e.parameterCount(), e.format(),
                    e.paramsString(), e.maxContextLength(), e.capabilities(), e.path(), e.digest(), e.selectedVariant(),
                    e.gguf());
        }
        return e;
    }
}
