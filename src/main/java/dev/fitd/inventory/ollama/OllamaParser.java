package dev.fitd.inventory.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelType;
import dev.fitd.inventory.gguf.GgufFacts;
import dev.fitd.inventory.http.Json;
import dev.fitd.inventory.http.ParseResult;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure parsers for Ollama's API.
 *
 * <ul>
 * <li>{@code GET /api/tags}: {@code {"models":[{name, model, modified_at, size, digest,
 * details{format, family, families, parameter_size, quantization_level, context_length?}}]}}. Cloud
 * models (served by ollama.com, nothing on disk) are skipped: size 0, a {@code cloud} or
 * {@code -cloud} tag, or a {@code remote_host}.</li>
 * <li>{@code GET /api/ps}: {@code {"models":[{name, model, size, digest, details, expires_at,
 * size_vram, context_length?}]}}: one loaded instance each.</li>
 * <li>{@code POST /api/show}: {@code {..., details{...}, model_info{"general.architecture",
 * "llama.block_count", ...}, capabilities[completion|tools|vision|thinking|embedding]}}: the GGUF
 * metadata of one model.</li>
 * <li>{@code GET /api/version}: {@code {"version":"0.12.3"}}.</li>
 * </ul>
 */
final class OllamaParser {
    private OllamaParser() { }

    /** What {@code /api/show} says about one model. */
    public record Show(GgufFacts facts, List<String> capabilities) {
        public Show {
            capabilities = List.copyOf(capabilities);
        }

        /** Vision / tools as {@link Capabilities}; reasoning options are not reported by Ollama. */
        public Capabilities asCapabilities() {
            return new Capabilities(capabilities.contains("vision"), capabilities.contains("tools"), null);
        }

        /** True when the model only embeds. */
        public boolean embeddingOnly() {
            return capabilities.contains("embedding") && !capabilities.contains("completion");
        }
    }

    /** The {@code models} array of an Ollama listing, or a failure naming what was wrong. */
    private static ParseResult<JsonNode> models(String body, String what) {
        ParseResult<JsonNode> parsed = Json.parse(body, what);
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return parsed;
        }
        JsonNode models = modelsArray(ok.value());
        return models == null
                ? ParseResult.failed(what + ": expected an object with a \"models\" array, got " + Json.describe(ok.value()))
                : ParseResult.ok(models, List.of());
    }

    /** Parses {@code /api/tags}. */
    static ParseResult<RuntimeListing> parseTags(String body) {
        String what = "Ollama /api/tags";
        ParseResult<JsonNode> parsed = models(body, what);
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return ParseResult.failed(parsed.failure().orElseThrow());
        }
        JsonNode models = ok.value();
        List<InstalledModel> installed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int i = 0;
        for (JsonNode m : models) {
            String name = name(m);
            if (name == null) {
                warnings.add(what + ": skipped models[" + i++ + "]: no \"name\"");
                continue;
            }
            i++;
            Long size = Json.lng(m, "size");
            if (isCloud(name, size, m)) {
                warnings.add(what + ": skipped cloud model " + name + " (no local weights)");
                continue;
            }
            JsonNode d = Json.object(m, "details");
            String format = Json.text(d, "format");
            int slash = name.indexOf('/');
            installed.add(new InstalledModel(RuntimeKind.OLLAMA, name, name,
                    slash > 0 && !name.startsWith("hf.co/") ? name.substring(0, slash) : null,
                    ModelType.LLM,
                    Json.text(d, "family"),
                    Json.text(d, "quantization_level"),
                    null, size, null,
                    format == null ? null : format.toLowerCase(Locale.ROOT),
                    Json.text(d, "parameter_size"),
                    Json.integer(d, "context_length"),
                    null, null, Json.text(m, "digest"), null, null));
        }
        return ParseResult.ok(new RuntimeListing(installed, List.of(), warnings), warnings);
    }

    /** Parses {@code /api/ps}. */
    static ParseResult<List<LoadedInstance>> parsePs(String body) {
        String what = "Ollama /api/ps";
        ParseResult<JsonNode> parsed = models(body, what);
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return ParseResult.failed(parsed.failure().orElseThrow());
        }
        JsonNode models = ok.value();
        List<LoadedInstance> loaded = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int i = 0;
        for (JsonNode m : models) {
            String name = name(m);
            if (name == null) {
                warnings.add(what + ": skipped models[" + i++ + "]: no \"name\"");
                continue;
            }
            i++;
            loaded.add(new LoadedInstance(RuntimeKind.OLLAMA, name, name,
                    Json.integer(m, "context_length"), null, null, null, null, null,
                    Json.lng(m, "size"), Json.lng(m, "size_vram"), Json.instant(m, "expires_at")));
        }
        return ParseResult.ok(loaded, warnings);
    }

    /** Parses {@code /api/show}. */
    static ParseResult<Show> parseShow(String body) {
        String what = "Ollama /api/show";
        ParseResult<JsonNode> parsed = Json.parse(body, what);
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return ParseResult.failed(parsed.failure().orElseThrow());
        }
        JsonNode root = ok.value();
        JsonNode info = Json.object(root, "model_info");
        if (info == null) {
            return ParseResult.failed(what + ": expected an object with a \"model_info\" object, got " + Json.describe(root));
        }
        Map<String, Object> md = new LinkedHashMap<>();
        info.fields().forEachRemaining(e -> md.put(e.getKey(), plain(e.getValue())));
        List<String> caps = Json.strings(root, "capabilities");
        return ParseResult.ok(new Show(GgufFacts.fromMetadata(md, null), caps == null ? List.of() : caps));
    }

    /** Parses {@code /api/version}. */
    static ParseResult<String> parseVersion(String body) {
        ParseResult<JsonNode> parsed = Json.parse(body, "Ollama /api/version");
        if (!(parsed instanceof ParseResult.Ok<JsonNode> ok)) {
            return ParseResult.failed(parsed.failure().orElseThrow());
        }
        String v = Json.text(ok.value(), "version");
        return v == null ? ParseResult.failed("Ollama /api/version: no \"version\"") : ParseResult.ok(v);
    }

    private static JsonNode modelsArray(JsonNode root) {
        if (root != null && root.isObject() && root.has("models") && root.get("models").isNull()) {
            return Json.MAPPER.createArrayNode(); // older Ollama sends "models": null when empty
        }
        return Json.arrayField(root, "models");
    }

    private static String name(JsonNode m) {
        if (m == null || !m.isObject()) {
            return null;
        }
        String n = Json.text(m, "name");
        return n != null ? n : Json.text(m, "model");
    }

    static boolean isCloud(String name, Long size, JsonNode m) {
        int colon = name.lastIndexOf(':');
        String tag = colon < 0 ? "" : name.substring(colon + 1).toLowerCase(Locale.ROOT);
        return size == null || size <= 0 || tag.equals("cloud") || tag.endsWith("-cloud")
                || Json.text(m, "remote_host") != null || Json.text(m, "remote_model") != null;
    }

    private static Object plain(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.asLong() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>(v.size());
            v.forEach(e -> out.add(plain(e)));
            return out;
        }
        return null;
    }
}
