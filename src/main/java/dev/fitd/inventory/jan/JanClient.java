package dev.fitd.inventory.jan;

import dev.fitd.inventory.http.HttpPolls;
import dev.fitd.inventory.http.RuntimeHttp;
import dev.fitd.inventory.source.RuntimeClient;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeSettings;
import java.util.ArrayList;

/**
 * Polls Jan's local API server: {@code GET /v1/models}, with {@code Authorization: Bearer <api key>}
 * when one is configured (Jan's server can require one). Default base URL
 * {@code http://127.0.0.1:1337}. Never throws.
 */
public final class JanClient implements RuntimeClient {
    static final String MODELS = "/v1/models";

    private final RuntimeHttp http;

    public JanClient(RuntimeSettings.Endpoint endpoint) {
        this.http = new RuntimeHttp(endpoint);
    }

    @Override
    public RuntimeKind kind() { return RuntimeKind.JAN; }

    @Override
    public String location() { return http.base().toString(); }

    @Override
    public RuntimePoll poll() {
        long start = System.nanoTime();
        return HttpPolls.finish(http.get(MODELS), location(), MODELS, start, new ArrayList<>(), JanParser::parseModels);
    }
}
