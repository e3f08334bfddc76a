package dev.fitd.inventory.jan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelType;
import dev.fitd.inventory.http.Json;
import dev.fitd.inventory.http.ParseResult;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.ModelNames;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pure parser for Jan's {@code GET /v1/models} (OpenAI-style list): {@code {"object":"list",
 * "data":[{id, object, created, owned_by, name, version, format, engine, description,
 * sources[{filename, url}], settings{ctx_len, ngl, embedding, n_parallel, vision_model, mmproj…},
 * parameters{…}, metadata{author, tags, size, cover}}]}}. Newer Jan servers send only
 * {@code id, object, created, owned_by}; every other field is optional.
 *
 * <p>Jan's list says what it can serve, not what is in memory, so it yields installed models only.
 * {@code settings.ctx_len} (the context Jan loads the model with) stands in for the maximum context,
 * which Jan does not report. The quantization is read from the file name or id suffix
 * ({@code …-Q4_K_M}) when present.
 */
final class JanParser {
    private JanParser() { }

    /** Parses a {@code /v1/models} body. */
    static ParseResult<RuntimeListing> parseModels(String body) {
        String what = "Jan /v1/models";
        ParseResult<JsonNode> parsed = Json.parseArrayField(body, what, "data");
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return ParseResult.failed(parsed.failure().orElseThrow());
        }
        JsonNode data = ok.value();
        List<InstalledModel> installed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int i = 0;
        for (JsonNode m : data) {
            String id = Json.text(m, "id");
            if (!m.isObject() || id == null) {
                warnings.add(what + ": skipped data[" + i++ + "]: no \"id\"");
                continue;
            }
            i++;
            JsonNode settings = Json.object(m, "settings");
            JsonNode meta = Json.object(m, "metadata");
            String filename = firstSourceFile(m);
            String quant = ModelNames.quantSuffix(filename != null ? filename : id).orElse(null);
            boolean embedding = Boolean.TRUE.equals(Json.bool(settings, "embedding"));
            boolean vision = Boolean.TRUE.equals(Json.bool(settings, "vision_model")) || Json.text(settings, "mmproj") != null;
            String format = Json.text(m, "format");
            String owner = Json.text(m, "owned_by");
            installed.add(new InstalledModel(RuntimeKind.JAN, id,
                    Json.text(m, "name"),
                    Json.text(meta, "author") != null ? Json.text(meta, "author") : owner,
                    embedding ? ModelType.EMBEDDING : ModelType.LLM,
                    null, quant, null,
                    positive(Json.lng(meta, "size")), null,
                    format == null ? null : format.toLowerCase(Locale.ROOT),
                    null,
                    Json.integer(settings, "ctx_len"),
                    vision ? new Capabilities(true, false, null) : null,
                    null, null, null, null));
        }
        return ParseResult.ok(new RuntimeListing(installed, List.of(), warnings), warnings);
    }

    private static String firstSourceFile(JsonNode m) {
        JsonNode sources = m.get("sources");
        if (sources != null && sources.isArray()) {
            for (JsonNode s : sources) {
                String f = Json.text(s, "filename");
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Long positive(Long v) {
        return v == null || v <= 0 ? null : v;
    }
}
