package dev.fitd.api;

import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeState;
import dev.fitd.query.QueryParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
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
    static final String NO_SUCH_MODEL_SCHEMA = "NoSuchModel";

    private static void describe(OpenAPI openAPI, String schema, String property, String description) {
        Schema s = openAPI.getComponents().getSchemas() == null ? null : openAPI.getComponents().getSchemas().get(schema);
        if (s == null || s.getProperties() == null || s.getProperties().get(property) == null) {
            throw new IllegalStateException("OpenApiFilter: no property " + schema + "." + property + " to describe");
        }
        s.getProperties().get(property).description(description);
    }

    /**
     * {@link RuntimesView.RuntimeStatus} writes {@code runtime} and {@code state} as the wire names of the
     * inventory's {@link RuntimeKind} and {@link RuntimeState}; the document names their accepted values as
     * the {@code RuntimeKind} and {@code RuntimeState} schemas, taken from the enums themselves. The scanned
     * schemas stay in name order.
     */
    private static void runtimeEnums(OpenAPI openAPI) {
        Map<String, Schema> schemas = new TreeMap<>(openAPI.getComponents().getSchemas());
        Schema status = schemas.get("RuntimeStatus");
        if (status == null || status.getProperties() == null || status.getProperties().get("runtime") == null
                || status.getProperties().get("state") == null) {
            throw new IllegalStateException("OpenApiFilter: no RuntimeStatus.runtime/state to describe");
        }
        schemas.put("RuntimeKind", enumeration(Stream.of(RuntimeKind.values()).map(RuntimeKind::wire).toList()));
        schemas.put("RuntimeState", enumeration(Stream.of(RuntimeState.values()).map(RuntimeState::wire).toList()));
        Map<String, Schema> properties = new LinkedHashMap<>(status.getProperties());
        properties.put("runtime", OASFactory.createSchema().ref("RuntimeKind"));
        properties.put("state", OASFactory.createSchema().ref("RuntimeState"));
        status.setProperties(properties);
        openAPI.getComponents().setSchemas(new LinkedHashMap<>(schemas));
    }

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
            "/api/v1/devices", new Op("listDevices", "The what-if vocabulary: every GPU and chip the gpu parameter "
                    + "knows, with memory and bandwidth, and each runtime's quantization ladder", "system"),
            "/api/v1/plan", new Op("plan", "The hardware a model needs at a context (and speed): minimum and "
                    + "recommended VRAM/RAM, llmfit's run paths, and the GPUs and unified-memory chips that reach the "
                    + "target", "plan"),
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
        p.put("include_too_tight", param("include_too_tight", "Also return models that do not fit (sorted after "
                + "every runnable row). Default: true on /models and /models/{name}, false on /models/top. Adds "
                + "too_tight rows only when min_fit is too_tight or not given, and perfect is not true.", bool()));
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
        p.put("gpu", param("gpu", "What-if: a GPU or chip name of fitd's device table, e.g. 'NVIDIA GeForce RTX 4090', "
                + "'RTX4090' or 'Apple M2 Max'; 'none' removes the GPUs. With vram_gb, the size picks the variant "
                + "(RTX 3060 12 GB). An unknown name is a 400 naming the value and up to three nearest known names, "
                + "unless vram_gb and gpu_bandwidth_gbps are both given.", text()));
        p.put("gpu_count", param("gpu_count", "What-if: number of identical GPUs (0 removes them).",
                integer(0, QueryParser.MAX_GPU_COUNT)));
        p.put("cpu", param("cpu", "What-if: a CPU or SoC name of fitd's CPU table, e.g. 'Core i3-1315U', 'Ryzen 9 7950X', "
                + "'Apple M2 Max': its memory bandwidth (under the memory configuration the table states) and, unless "
                + "cpu_cores is given, its cores. An unknown name is a 400 naming the value and up to three nearest "
                + "known names.", text()));
        p.put("ram_bandwidth_gbps", param("ram_bandwidth_gbps", "What-if: system memory bandwidth, GB/s (10^9 bytes/s); "
                + "wins over the cpu's (a one-DIMM or DDR3L laptop has far less than the table assumes).",
                number(false, QueryParser.MAX_BANDWIDTH_GBPS)));
        p.put("gpu_bandwidth_gbps", param("gpu_bandwidth_gbps", "What-if: memory bandwidth of each GPU, GB/s; wins over "
                + "the device table's.", number(false, QueryParser.MAX_BANDWIDTH_GBPS)));
        p.put("installed", param("installed", "true: only models installed in a local runtime (LM Studio, Ollama, "
                + "Jan, GGUF files); false: only models that are not.", bool()));
        p.put("loaded", param("loaded", "true: only models a local runtime has loaded now; false: only models "
                + "that are not loaded.", bool()));
        p.put("type", param("type", "Only LLMs or only embedding models. Default: llm on /models/top (embedding "
                + "when use_case=embedding); every type on /models and /models/{name}, LLMs ranked before embedding "
                + "models in the score and tps orders. type=llm (or an alias) with use_case=embedding is a 400.",
                enumeration(aliases.get("type"))));
        return p;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        runtimeEnums(openAPI);
        openAPI.getComponents().addSchema(ERROR_SCHEMA, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("The one error shape of the API. No stack traces, no class names.")
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What was wrong and what is accepted"))
                .required(List.of("error")));
        openAPI.getComponents().addSchema(NO_SUCH_MODEL_SCHEMA, OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .description("The 404 of /api/v1/models/{name}: the error and the nearest catalog names.")
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What was not found, with \"did you mean\" when a catalog name is close"))
                .addProperty("did_you_mean", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                        .description("Up to three catalog keys nearest to the name (edit distance), closest first"))
                .required(List.of("error", "did_you_mean")));
        describe(openAPI, "ModelRow", "matched_by", "How the /models/{name} name matched this row: exact (catalog "
                + "key), alias (alias or display name), normalised (after dropping case, separators, publisher, "
                + "quantization, -GGUF/-MLX, -qat, Ollama tags...), or substring (no single model; rows whose names "
                + "contain it). Null on the other endpoints.");
        describe(openAPI, "ModelRow", "installed_stale", "Installed only in runtimes that stopped answering: the "
                + "copies are their last good answer, kept for fitd.runtimes.stale-installed-ttl, then dropped.");
        describe(openAPI, "InstalledView", "matched_by", "How this copy's name matched the catalog entry: exact, "
                + "alias, normalised or gguf_metadata (general.basename/size_label/finetune). Null outside the catalog.");
        describe(openAPI, "InstalledView", "stale", "Its runtime's last poll failed; this is its last good answer.");
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
            if (item.getPOST() != null) {
                plan(path, item.getPOST());
            }
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
            if (path.equals("/api/v1/system")) {
                List<Parameter> whatIf = new ArrayList<>();
                QueryParser.HARDWARE_PARAMETERS.forEach(n -> whatIf.add(params.get(n)));
                get.setParameters(whatIf);
                get.getResponses().addAPIResponse("400", error("A parameter other than the hardware what-if ones, or "
                        + "one repeated, empty or with a value that is not accepted; the message names it."));
            }
            if (path.startsWith("/api/v1/models")) {
                List<Parameter> existing = get.getParameters() == null ? new ArrayList<>() : new ArrayList<>(get.getParameters());
                existing.removeIf(x -> "query".equals(String.valueOf(x.getIn()).toLowerCase()));
                existing.addAll(params.values());
                get.setParameters(existing);
                get.getResponses().addAPIResponse("400", error("A parameter is unknown, repeated, empty or has a "
                        + "value that is not accepted; the message names it and lists what is."));
                if (path.contains("{")) {
                    get.getResponses().addAPIResponse("404", OASFactory.createAPIResponse()
                            .description("No model matches the name, exactly, normalised or as part of a name.")
                            .content(OASFactory.createContent().addMediaType("application/json",
                                    OASFactory.createMediaType().schema(OASFactory.createSchema()
                                            .ref(NO_SUCH_MODEL_SCHEMA)))));
                }
            }
            if (path.equals("/api/v1/devices")) {
                get.getResponses().addAPIResponse("400", error("Any query parameter: the device list takes none."));
            }
            get.getResponses().addAPIResponse("401", error("fitd.security.token is set and the request has no "
                    + "or a wrong 'Authorization: Bearer' header."));
            get.getResponses().addAPIResponse("500", error("Unexpected failure; the daemon log has the details."));
        });
    }

    /** {@code POST /api/v1/plan}: its JSON body (PlanBody's fields) and its error answers. */
    private static void plan(String path, Operation post) {
        Op op = OPERATIONS.get(path);
        if (op == null) {
            throw new IllegalStateException("no operation for POST " + path + " in OpenApiFilter.OPERATIONS");
        }
        post.operationId(op.id()).summary(op.summary()).tags(List.of(op.tag()));
        Schema body = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("llmfit's plan request. JSON null means not given; any other field is a 400. The body "
                        + "is read as JSON whatever its Content-Type.")
                .addProperty("model", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .maxLength(QueryParser.MAX_TEXT_LENGTH)
                        .description("Key, alias or name, resolved as /api/v1/models/{name} resolves it (its first row)"))
                .addProperty("context", integer(1, QueryParser.MAX_CONTEXT_LIMIT)
                        .description("Context tokens; at most the model's maximum context"))
                .addProperty("quant", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("Quantization, e.g. Q4_K_M. Default: Q4_K_M for minimum/recommended, the best "
                                + "that fits for each hardware option"))
                .addProperty("target_tps", OASFactory.createSchema().type(List.of(Schema.SchemaType.NUMBER))
                        .exclusiveMinimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(PlanBody.MAX_TARGET_TPS))
                        .description("Decode tokens/s every hardware option must reach"))
                .addProperty("kv_quant", enumeration(List.of("fp16", "q8_0", "q4_0"))
                        .description("KV cache type (fitd's kv_cache names are accepted too); llmfit's fp8 and tq are 400"))
                .addProperty("ram_gb", number(false, QueryParser.MAX_RAM_GB)
                        .description("What-if RAM of this machine, GiB (alias: ram); affects current and upgrade_deltas"))
                .addProperty("vram_gb", number(false, QueryParser.MAX_VRAM_GB)
                        .description("What-if memory of each GPU of this machine, GiB (alias: memory)"))
                .addProperty("cpu_cores", integer(1, QueryParser.MAX_CPU_CORES)
                        .description("What-if usable CPU cores of this machine"))
                .required(List.of("model", "context"));
        post.requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType().schema(body))));
        post.getResponses().addAPIResponse("400", error("The body is not a JSON object, a field is unknown, given "
                + "twice, of the wrong type or out of range, or the context exceeds the model's; the message names it."));
        post.getResponses().addAPIResponse("404", error("No catalogued model matches the name."));
        post.getResponses().addAPIResponse("401", error("fitd.security.token is set and the request has no "
                + "or a wrong 'Authorization: Bearer' header."));
        post.getResponses().addAPIResponse("500", error("Unexpected failure; the daemon log has the details."));
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
