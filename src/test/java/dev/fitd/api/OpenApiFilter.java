package dev.fitd.api;

import dev.fitd.query.QueryParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Completes the document SmallRye OpenAPI's scanner makes of the resource classes ({@link
 * OpenApiDocumentTest} runs both and commits the result, which {@link OpenApiResource} serves). The model
 * resources bind their query string as raw text (so every bad value becomes fitd's own 400), which hides
 * the parameters from the scanner; this filter adds every parameter of {@link QueryParser#PARAMETERS}
 * with its accepted values, a summary for every operation, and the error responses
 * ({@code {"error": "..."}}) of every API operation. A test fails when a parameter is added to the parser
 * without a description here.
 */
public class OpenApiFilter implements OASFilter {

    static final String ERROR_SCHEMA = "Error";

    /** An operation's id (unique in the document), summary and tag. */
    record Op(String id, String summary, String tag) { }

    /** Every operation, by path; a path the scanner finds that is not here fails the generation. */
    static final Map<String, Op> OPERATIONS = Map.of(
            "/api/v1/models", new Op("listModels", "Every catalogued model graded for this machine (or a what-if one)",
                    "models"),
            "/api/v1/models/top", new Op("topModels", "The best models for this machine: what fits, best first",
                    "models"),
            "/api/v1/models/{name}", new Op("modelByName", "The rows of one model, by key, alias or name", "models"),
            "/api/v1/runtimes", new Op("listRuntimes", "The local runtimes (LM Studio, Ollama, Jan, GGUF files) and "
                    + "what they have installed and loaded", "runtimes"),
            "/api/v1/system", new Op("system", "This machine as fitd sees it: RAM, CPU, GPUs, and the catalog",
                    "system"),
            "/health", new Op("health", "Liveness for humans and scripts: status and node", "system"),
            "/q/openapi", new Op("openapi", "This document: YAML, or JSON with ?format=json or Accept: "
                    + "application/json", "system"));

    /** Description and schema of every query parameter, in {@link QueryParser#PARAMETERS} order. */
    static Map<String, Parameter> parameters() {
        Map<String, List<String>> aliases = QueryParser.aliases();
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("limit", param("limit", "Rows to return, applied after filtering and sorting (total_models counts "
                + "rows before it). Default: all rows on /models and /models/{name}, 5 on /models/top.",
                integer(0, Integer.MAX_VALUE)));
        p.put("n", param("n", "Alias of limit; give one of the two.", integer(0, Integer.MAX_VALUE)));
        p.put("perfect", param("perfect", "true: only rows whose fit level is perfect.", bool()));
        p.put("min_fit", param("min_fit", "Lowest fit level to return. Default marginal.",
                enumeration(aliases.get("min_fit"))));
        p.put("include_too_tight", param("include_too_tight", "Also return models that do not fit. Default: true "
                + "on /models and /models/{name}, false on /models/top; when min_fit is given, true only for "
                + "min_fit=too_tight.", bool()));
        p.put("runtime", param("runtime", "Only models runnable by this runtime family. Default any.",
                enumeration(aliases.get("runtime"))));
        p.put("use_case", param("use_case", "Only models of this use case (aliases accepted).",
                enumeration(aliases.get("use_case"))));
        p.put("provider", param("provider", "Case-insensitive part of the publisher or provider name.",
                text()));
        p.put("search", param("search", "Case-insensitive part of the key, display name, an alias, the publisher, "
                + "the parameter count (7B) or the use case.", text()));
        p.put("sort", param("sort", "Sort key (descending; ties by score, then key). Default score.",
                enumeration(aliases.get("sort"))));
        p.put("max_context", param("max_context", "Context length, tokens, to size the KV cache for (what-if); "
                + "capped at each model's maximum.", integer(1, QueryParser.MAX_CONTEXT_LIMIT)));
        p.put("quant", param("quant", "Force a quantization, e.g. Q4_K_M (default: the best that fits).", text()));
        p.put("force_runtime", param("force_runtime", "Estimate for this runtime instead of the natural one.",
                enumeration(List.of("llamacpp", "llama.cpp", "llama_cpp", "mlx"))));
        p.put("kv_cache", param("kv_cache", "KV cache element type, e.g. f16 or q8_0. Default f16.", text()));
        p.put("ram_gb", param("ram_gb", "What-if: system RAM, GiB (2^30 bytes).",
                number(false, QueryParser.MAX_RAM_GB)));
        p.put("vram_gb", param("vram_gb", "What-if: memory of each GPU, GiB.", number(false, QueryParser.MAX_VRAM_GB)));
        p.put("cpu_cores", param("cpu_cores", "What-if: usable CPU cores.", integer(1, QueryParser.MAX_CPU_CORES)));
        p.put("gpu", param("gpu", "What-if: a GPU or chip name, e.g. 'NVIDIA GeForce RTX 4090' or 'Apple M2 Max'; "
                + "'none' removes the GPUs.", text()));
        p.put("gpu_count", param("gpu_count", "What-if: number of identical GPUs (0 removes them).",
                integer(0, QueryParser.MAX_GPU_COUNT)));
        p.put("installed", param("installed", "true: only models installed in a local runtime (LM Studio, Ollama, "
                + "Jan, GGUF files); false: only models that are not.", bool()));
        p.put("loaded", param("loaded", "true: only models a local runtime has loaded now; false: only models "
                + "that are not loaded.", bool()));
        return p;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(ERROR_SCHEMA, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("The one error shape of the API. No stack traces, no class names.")
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What was wrong and what is accepted"))
                .required(List.of("error")));
        if (openAPI.getInfo() == null) {
            openAPI.setInfo(OASFactory.createInfo());
        }
        openAPI.getInfo().title("fitd").version("v1").description("Which local LLMs this machine can run, and how well. Sizes "
                + "ending in _gb are GiB (2^30 bytes).");
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Map<String, Parameter> params = parameters();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            Operation get = item.getGET();
            if (get == null) {
                return;
            }
            Op op = OPERATIONS.get(path);
            if (op == null) {
                throw new IllegalStateException("no operation for " + path + " in OpenApiFilter.OPERATIONS");
            }
            get.operationId(op.id()).summary(op.summary()).tags(List.of(op.tag()));
            if (path.equals("/q/openapi")) {
                get.setParameters(List.of(param("format", "json or yaml (the default, unless the Accept header names "
                        + "application/json).", enumeration(List.of("json", "yaml")))));
                get.getResponses().getAPIResponse("200").content(OASFactory.createContent()
                        .addMediaType("application/yaml", OASFactory.createMediaType())
                        .addMediaType("application/json", OASFactory.createMediaType()));
                get.getResponses().addAPIResponse("400", error("A parameter other than format, or a format other "
                        + "than json or yaml."));
                return;
            }
            if (!path.startsWith("/api/")) {
                return;
            }
            if (path.startsWith("/api/v1/models")) {
                List<Parameter> existing = get.getParameters() == null ? new ArrayList<>() : new ArrayList<>(get.getParameters());
                existing.removeIf(x -> "query".equals(String.valueOf(x.getIn()).toLowerCase()));
                existing.addAll(params.values());
                get.setParameters(existing);
                get.getResponses().addAPIResponse("400", error("A parameter is unknown, repeated, empty or has a "
                        + "value that is not accepted; the message names it and lists what is."));
                if (path.contains("{")) {
                    get.getResponses().addAPIResponse("404", error("No catalogued model matches the name."));
                }
            }
            get.getResponses().addAPIResponse("401", error("fitd.security.token is set and the request has no "
                    + "or a wrong 'Authorization: Bearer' header."));
            get.getResponses().addAPIResponse("500", error("Unexpected failure; the daemon log has the details."));
        });
    }

    private static APIResponse error(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
    }

    private static Parameter param(String name, String description, Schema schema) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).required(false)
                .description(description + " Names and values are trimmed and case-insensitive.").schema(schema);
    }

    private static Schema integer(long min, long max) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                .minimum(java.math.BigDecimal.valueOf(min)).maximum(java.math.BigDecimal.valueOf(max));
    }

    private static Schema number(boolean zeroAllowed, double max) {
        Schema s = OASFactory.createSchema().type(List.of(Schema.SchemaType.NUMBER))
                .maximum(java.math.BigDecimal.valueOf(max));
        return zeroAllowed ? s.minimum(java.math.BigDecimal.ZERO) : s.exclusiveMinimum(java.math.BigDecimal.ZERO);
    }

    private static Schema bool() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.BOOLEAN));
    }

    private static Schema text() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).maxLength(QueryParser.MAX_TEXT_LENGTH);
    }

    private static Schema enumeration(List<String> values) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).enumeration(new ArrayList<>(values));
    }
}
