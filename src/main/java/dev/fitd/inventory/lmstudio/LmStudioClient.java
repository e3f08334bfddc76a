package dev.fitd.inventory.lmstudio;

import dev.fitd.inventory.http.HttpPolls;
import dev.fitd.inventory.http.RuntimeHttp;
import dev.fitd.inventory.source.RuntimeClient;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls LM Studio's native REST API: {@code GET /api/v1/models} (LM Studio 0.4+), falling back to
 * {@code GET /api/v0/models} when the server answers 404 (0.3.6 – 0.3.x). Sends
 * {@code Authorization: Bearer <token>} when a token is configured (LM Studio's "require API token"
 * setting). Default base URL {@code http://localhost:1234}. Never throws.
 */
public final class LmStudioClient implements RuntimeClient {
    static final String V1 = "/api/v1/models";
    static final String V0 = "/api/v0/models";

    private final RuntimeHttp http;

    public LmStudioClient(RuntimeSettings.Endpoint endpoint) {
        this.http = new RuntimeHttp(endpoint);
    }

    @Override
    public RuntimeKind kind() { return RuntimeKind.LMSTUDIO; }

    @Override
    public String location() { return http.base().toString(); }

    @Override
    public RuntimePoll poll() {
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        String api = V1;
        RuntimeHttp.Outcome outcome = http.get(V1);
        boolean v0 = false;
        if (outcome instanceof RuntimeHttp.Outcome.Answered a && a.status() == 404) {
            warnings.add("LM Studio answered 404 on " + V1 + " (a version before 0.4): read " + V0
                    + ", which reports no sizes or instance settings");
            api = V0;
            v0 = true;
            outcome = http.get(V0);
        }
        return HttpPolls.finish(outcome, location(), api, start, warnings,
                v0 ? LmStudioParser::parseV0 : LmStudioParser::parseV1);
    }
}
