package dev.fitd.query;

import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.fit.FitLevel;
import dev.fitd.hardware.DeviceTable;
import dev.fitd.hardware.HardwareOverrides;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The query grammar of {@code /api/v1/models}, {@code /models/top} and {@code /models/{name}}
 * (seed 003), strict in the manner of Caffeine's {@code CaffeineSpec}: raw strings in, an immutable
 * {@link ModelQuery} out, or a {@link QueryException} naming the parameter, the value and what is
 * accepted. Nothing the caller sends is ignored: unknown, repeated and empty parameters are errors.
 *
 * <p>Parameter names and values are trimmed and case-insensitive. The four error messages of seed
 * 003 ({@code min_fit}, {@code runtime}, {@code use_case}, {@code sort}) are reproduced verbatim.
 *
 * <p>Fit filtering (the seed's statements about {@code min_fit} and {@code include_too_tight} are
 * reconciled thus, min_fit first): {@code perfect=true} admits only perfect rows. Otherwise a runnable row
 * passes when its level is at least {@code min_fit} (default marginal), and a too_tight row passes only when
 * the effective {@code include_too_tight} is true. {@code include_too_tight} can add too_tight rows only
 * when {@code min_fit} is {@code too_tight} or not given (and {@code perfect} is not true): with
 * {@code min_fit=good} no too_tight row passes, whatever {@code include_too_tight} says. Within that, the
 * effective value is the explicit one when given; else, when {@code min_fit} was not given, the endpoint
 * default (true on {@code /models} and {@code /models/{name}}, false on {@code /models/top}); else true
 * ({@code min_fit=too_tight}). {@code include_too_tight=false} removes too_tight rows whatever
 * {@code min_fit} says. So {@code /models} lists everything, {@code /models?min_fit=good} only good and
 * perfect rows, and {@code /models/top} never too_tight rows unless asked.
 */
public final class QueryParser {

    /** Every accepted parameter name, in the order they are documented. */
    public static final List<String> PARAMETERS = List.of(
            "limit", "n", "perfect", "min_fit", "include_too_tight", "runtime", "use_case", "provider", "search",
            "sort", "max_context", "quant", "force_runtime", "kv_cache", "ram_gb", "vram_gb", "cpu_cores", "gpu",
            "gpu_count", "cpu", "ram_bandwidth_gbps", "gpu_bandwidth_gbps", "installed", "loaded", "type");

    /** The hardware what-if parameters, accepted by the model endpoints and by {@code /api/v1/system}. */
    public static final List<String> HARDWARE_PARAMETERS = List.of(
            "ram_gb", "vram_gb", "cpu_cores", "gpu", "gpu_count", "cpu", "ram_bandwidth_gbps", "gpu_bandwidth_gbps");

    /** Largest context a request may ask for: 10 Mi tokens, the longest any catalogued model supports. */
    public static final int MAX_CONTEXT_LIMIT = 10 * 1024 * 1024;
    /** Largest RAM a what-if may claim, GiB (64 TiB). */
    public static final double MAX_RAM_GB = 65536;
    /** Largest per-GPU memory a what-if may claim, GiB. */
    public static final double MAX_VRAM_GB = 4096;
    public static final int MAX_CPU_CORES = 4096;
    public static final int MAX_GPU_COUNT = 256;
    /** Largest memory bandwidth a what-if may claim, GB/s (above any HBM part: a B200 has 8000). */
    public static final double MAX_BANDWIDTH_GBPS = 100_000;
    /** Longest free-text value (provider, search, gpu, name). */
    public static final int MAX_TEXT_LENGTH = 200;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,10}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9})?");

    private static final Map<String, FitLevel> FIT_LEVELS = Map.of(
            "perfect", FitLevel.PERFECT, "good", FitLevel.GOOD, "marginal", FitLevel.MARGINAL,
            "too_tight", FitLevel.TOO_TIGHT);
    private static final Map<String, RuntimeFilter> RUNTIMES = Map.of(
            "any", RuntimeFilter.ANY, "mlx", RuntimeFilter.MLX, "llamacpp", RuntimeFilter.LLAMACPP,
            "llama.cpp", RuntimeFilter.LLAMACPP, "llama_cpp", RuntimeFilter.LLAMACPP);
    private static final Map<String, UseCase> USE_CASES = Map.ofEntries(
            Map.entry("general", UseCase.GENERAL), Map.entry("coding", UseCase.CODING),
            Map.entry("code", UseCase.CODING), Map.entry("reasoning", UseCase.REASONING),
            Map.entry("reason", UseCase.REASONING), Map.entry("chat", UseCase.CHAT),
            Map.entry("multimodal", UseCase.MULTIMODAL), Map.entry("vision", UseCase.MULTIMODAL),
            Map.entry("embedding", UseCase.EMBEDDING), Map.entry("embed", UseCase.EMBEDDING));
    /** {@code type}: spellings chosen not to collide with any use_case value ({@code chat} is a use case). */
    private static final Map<String, ModelType> TYPES = Map.of(
            "llm", ModelType.LLM, "text", ModelType.LLM, "generative", ModelType.LLM,
            "embedding", ModelType.EMBEDDING, "embed", ModelType.EMBEDDING, "embeddings", ModelType.EMBEDDING);
    private static final Map<String, SortKey> SORTS = Map.ofEntries(
            Map.entry("score", SortKey.SCORE),
            Map.entry("tps", SortKey.TPS), Map.entry("tokens", SortKey.TPS), Map.entry("throughput", SortKey.TPS),
            Map.entry("params", SortKey.PARAMS), Map.entry("parameters", SortKey.PARAMS),
            Map.entry("mem", SortKey.MEM), Map.entry("memory", SortKey.MEM), Map.entry("mem_pct", SortKey.MEM),
            Map.entry("utilization", SortKey.MEM),
            Map.entry("ctx", SortKey.CTX), Map.entry("context", SortKey.CTX),
            Map.entry("date", SortKey.DATE), Map.entry("release", SortKey.DATE), Map.entry("released", SortKey.DATE),
            Map.entry("use_case", SortKey.USE_CASE), Map.entry("use", SortKey.USE_CASE),
            Map.entry("usecase", SortKey.USE_CASE));

    private final UnaryOperator<String> quantNames;
    private final UnaryOperator<String> kvCacheTypes;

    /**
     * The estimator owns the vocabularies of quantizations and KV cache types; the parser asks it.
     *
     * @param quantNames canonical name of a {@code quant} value (e.g. {@code q4_k_m} → {@code Q4_K_M}), or
     *                   an {@link IllegalArgumentException} whose message names the value and the accepted ones
     * @param kvCacheTypes the same for {@code kv_cache} values (e.g. {@code f16}, {@code q8_0})
     */
    public QueryParser(UnaryOperator<String> quantNames, UnaryOperator<String> kvCacheTypes) {
        this.quantNames = quantNames;
        this.kvCacheTypes = kvCacheTypes;
    }

    /**
     * Parse one request.
     *
     * @param endpoint which endpoint's defaults apply
     * @param pathName the decoded {@code {name}} path segment, or null
     * @param raw query parameters as received: name to every value given for it, in order
     * @throws QueryException for anything not accepted
     */
    public ModelQuery parse(Endpoint endpoint, String pathName, Map<String, List<String>> raw) {
        Map<String, String> p = normalise(raw, PARAMETERS);

        Integer limit = endpoint.defaultLimit();
        if (p.containsKey("limit") && p.containsKey("n")) {
            throw new QueryException("limit", "limit and n are the same parameter (n is an alias of limit): give one of them");
        }
        String limitName = p.containsKey("n") ? "n" : "limit";
        if (p.containsKey(limitName)) {
            limit = wholeNumber(limitName, p.get(limitName), 0, Integer.MAX_VALUE);
        }

        boolean perfect = p.containsKey("perfect") && bool("perfect", p.get("perfect"));

        FitLevel minFit = FitLevel.MARGINAL;
        boolean minFitGiven = p.containsKey("min_fit");
        if (minFitGiven) {
            minFit = lookup(FIT_LEVELS, p.get("min_fit"), "invalid min_fit value: use perfect|good|marginal|too_tight", "min_fit");
        }
        // One rule, min_fit first: too_tight rows can be included only when min_fit is too_tight or not given.
        boolean tooTightAllowed = !perfect && (!minFitGiven || minFit == FitLevel.TOO_TIGHT);
        boolean includeTooTight;
        if (p.containsKey("include_too_tight")) {
            includeTooTight = bool("include_too_tight", p.get("include_too_tight")) && tooTightAllowed;
        } else if (!minFitGiven) {
            includeTooTight = tooTightAllowed && endpoint.defaultIncludeTooTight();
        } else {
            includeTooTight = minFit == FitLevel.TOO_TIGHT;
        }

        RuntimeFilter runtime = p.containsKey("runtime")
                ? lookup(RUNTIMES, p.get("runtime"), "invalid runtime value: use any|mlx|llamacpp", "runtime")
                : RuntimeFilter.ANY;
        UseCase useCase = p.containsKey("use_case")
                ? lookup(USE_CASES, p.get("use_case"),
                        "invalid use_case value: use general|coding|reasoning|chat|multimodal|embedding", "use_case")
                : null;
        ModelType type = p.containsKey("type")
                ? lookup(TYPES, p.get("type"), "invalid type value: use llm|embedding (aliases: text, generative; embed, "
                        + "embeddings)", "type")
                : null;
        if (type == ModelType.LLM && useCase == UseCase.EMBEDDING) {
            throw new QueryException("type", "type=llm contradicts use_case=embedding (embedding models are not LLMs): "
                    + "give one of them");
        }
        if (type == null) {
            type = defaultType(endpoint, useCase);
        }
        SortKey sort = p.containsKey("sort")
                ? lookup(SORTS, p.get("sort"), "invalid sort value: use score|tps|params|mem|ctx|date|use_case", "sort")
                : SortKey.SCORE;

        String provider = text("provider", p.get("provider"));
        String search = text("search", p.get("search"));
        String name = null;
        if (endpoint == Endpoint.NAME) {
            if (pathName == null || pathName.isBlank()) {
                throw new QueryException("name", "the model name in /api/v1/models/{name} must not be empty");
            }
            name = text("name", pathName);
        }

        Integer maxContext = p.containsKey("max_context")
                ? wholeNumber("max_context", p.get("max_context"), 1, MAX_CONTEXT_LIMIT) : null;

        String quant = p.containsKey("quant") ? resolve("quant", quantNames, p.get("quant")) : null;
        InferenceRuntime forceRuntime = null;
        if (p.containsKey("force_runtime")) {
            RuntimeFilter forced = RUNTIMES.get(p.get("force_runtime"));
            if (forced == null || forced == RuntimeFilter.ANY) {
                throw new QueryException("force_runtime", "invalid force_runtime value '" + p.get("force_runtime")
                        + "': use llamacpp|mlx (llama.cpp and llama_cpp mean llamacpp)");
            }
            forceRuntime = forced.runtime();
        }
        String kvCache = p.containsKey("kv_cache") ? resolve("kv_cache", kvCacheTypes, p.get("kv_cache")) : null;

        HardwareOverrides hardware = hardware(raw, p);

        Boolean installed = p.containsKey("installed") ? bool("installed", p.get("installed")) : null;
        Boolean loaded = p.containsKey("loaded") ? bool("loaded", p.get("loaded")) : null;

        return new ModelQuery(endpoint, limit, perfect, minFit, minFitGiven, includeTooTight, runtime, useCase,
                provider, search, name, sort, maxContext, quant, forceRuntime, kvCache, hardware, installed, loaded, type);
    }

    /**
     * The hardware what-if of {@code /api/v1/system}: the same what-if parameters as the model endpoints,
     * validated by the same rules, and nothing else (any other parameter is a 400 naming the accepted ones).
     *
     * @throws QueryException for anything not accepted
     */
    public HardwareOverrides parseWhatIf(Map<String, List<String>> raw) {
        return hardware(raw, normalise(raw, HARDWARE_PARAMETERS));
    }

    /** The what-if parameters ({@link #HARDWARE_PARAMETERS}) of a normalised query. */
    private static HardwareOverrides hardware(Map<String, List<String>> raw, Map<String, String> p) {
        HardwareOverrides hardware = new HardwareOverrides(
                p.containsKey("ram_gb") ? decimal("ram_gb", p.get("ram_gb"), false, MAX_RAM_GB) : null,
                p.containsKey("vram_gb") ? decimal("vram_gb", p.get("vram_gb"), false, MAX_VRAM_GB) : null,
                p.containsKey("cpu_cores") ? wholeNumber("cpu_cores", p.get("cpu_cores"), 1, MAX_CPU_CORES) : null,
                rawText("gpu", raw, p),
                p.containsKey("gpu_count") ? wholeNumber("gpu_count", p.get("gpu_count"), 0, MAX_GPU_COUNT) : null,
                rawText("cpu", raw, p), bandwidth("ram_bandwidth_gbps", p), bandwidth("gpu_bandwidth_gbps", p));
        knownDevices(hardware);
        return hardware;
    }

    /**
     * The model type asked for when {@code type} is not given: embedding models when {@code use_case=embedding};
     * LLMs on {@code /models/top} (asking "what should I run here" means chat/instruct models); otherwise
     * every type, with LLMs ranked before embedding models in the score and tps orders ({@link SortKey}).
     * Null means every type.
     */
    static ModelType defaultType(Endpoint endpoint, UseCase useCase) {
        if (useCase == UseCase.EMBEDDING) {
            return ModelType.EMBEDDING;
        }
        return endpoint == Endpoint.TOP ? ModelType.LLM : null;
    }

    /**
     * Lower-case and trim names and values; reject parameters not in {@code accepted}, repeated and empty
     * ones. Values of free-text parameters are lower-cased here too: every text match is case-insensitive.
     * Shared with the other endpoints that take a query string ({@code /q/openapi}), so every one of them
     * refuses what it does not understand in the same words.
     *
     * @throws QueryException naming the first parameter that is unknown, repeated or empty
     */
    public static Map<String, String> normalise(Map<String, List<String>> raw, List<String> accepted) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> spelledAs = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            String original = e.getKey() == null ? "" : e.getKey();
            String key = original.trim().toLowerCase(Locale.ROOT);
            if (!accepted.contains(key)) {
                throw new QueryException(shorten(original), "unknown parameter '" + shorten(original)
                        + "': valid parameters are " + String.join(", ", accepted));
            }
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            int count = values.size() + (spelledAs.containsKey(key) ? 1 : 0);
            if (count > 1) {
                throw new QueryException(key, "parameter '" + key + "' was given more than once: give it once");
            }
            String value = values.isEmpty() || values.get(0) == null ? "" : values.get(0).trim();
            if (value.isEmpty()) {
                throw new QueryException(key, "parameter '" + key + "' has an empty value: give a value or leave the parameter out");
            }
            spelledAs.put(key, original);
            out.put(key, value.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The gpu and cpu values keep their spelling (they are shown back), only trimmed. */
    private static String rawText(String name, Map<String, List<String>> raw, Map<String, String> normalised) {
        if (!normalised.containsKey(name)) {
            return null;
        }
        for (Map.Entry<String, List<String>> e : raw.entrySet()) {
            if (e.getKey() != null && e.getKey().trim().equalsIgnoreCase(name)) {
                String v = e.getValue().get(0).trim();
                text(name, v);
                return v;
            }
        }
        return null;
    }

    /** A what-if bandwidth in GB/s: a positive decimal up to {@link #MAX_BANDWIDTH_GBPS}, or null when not given. */
    private static Double bandwidth(String name, Map<String, String> p) {
        String value = p.get(name);
        if (value == null) {
            return null;
        }
        String use = "use a memory bandwidth in GB/s above 0 up to " + (long) MAX_BANDWIDTH_GBPS
                + " (digits and an optional decimal point)";
        if (!DECIMAL.matcher(value).matches() || Double.parseDouble(value) <= 0
                || Double.parseDouble(value) > MAX_BANDWIDTH_GBPS) {
            throw new QueryException(name, "invalid " + name + " value '" + shorten(value) + "': " + use);
        }
        return Double.parseDouble(value);
    }

    /** An unknown gpu or cpu name is a 400 naming the value and the nearest names of the device table. */
    private static void knownDevices(HardwareOverrides h) {
        try {
            if (h.gpuName() != null) {
                DeviceTable.requireKnownGpu(h.gpuName(), h.vramGb() != null && h.gpuBandwidthGbps() != null);
            }
            if (h.cpuName() != null && DeviceTable.lookupCpu(h.cpuName()).isEmpty()) {
                throw DeviceTable.unknown("cpu", h.cpuName());
            }
        } catch (IllegalArgumentException e) {
            throw new QueryException(h.gpuName() != null && e.getMessage().startsWith("unknown gpu") ? "gpu" : "cpu",
                    e.getMessage());
        }
    }

    private static String resolve(String name, UnaryOperator<String> vocabulary, String value) {
        try {
            return vocabulary.apply(value);
        } catch (IllegalArgumentException e) {
            throw new QueryException(name, e.getMessage());
        }
    }

    private static <T> T lookup(Map<String, T> table, String value, String error, String parameter) {
        T found = table.get(value);
        if (found == null) {
            throw new QueryException(parameter, error);
        }
        return found;
    }

    private static boolean bool(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new QueryException(name, "invalid " + name + " value '" + shorten(value) + "': use true|false");
        };
    }

    private static int wholeNumber(String name, String value, int min, int max) {
        String range = "a whole number from " + min + " to " + max;
        if (!WHOLE_NUMBER.matcher(value).matches()) {
            throw new QueryException(name, "invalid " + name + " value '" + shorten(value) + "': use " + range);
        }
        long v = Long.parseLong(value);
        if (v < min || v > max) {
            throw new QueryException(name, "invalid " + name + " value '" + shorten(value) + "': use " + range);
        }
        return (int) v;
    }

    private static double decimal(String name, String value, boolean zeroAllowed, double max) {
        String range = "a number of GiB " + (zeroAllowed ? "from 0" : "above 0") + " up to " + (long) max
                + " (digits and an optional decimal point)";
        if (!DECIMAL.matcher(value).matches()) {
            throw new QueryException(name, "invalid " + name + " value '" + shorten(value) + "': use " + range);
        }
        double v = Double.parseDouble(value);
        if (v > max || v < 0 || (!zeroAllowed && v == 0)) {
            throw new QueryException(name, "invalid " + name + " value '" + shorten(value) + "': use " + range);
        }
        return v;
    }

    private static String text(String name, String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() > MAX_TEXT_LENGTH) {
            throw new QueryException(name, "invalid " + name + " value: longer than " + MAX_TEXT_LENGTH + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new QueryException(name, "invalid " + name + " value: control characters are not accepted");
            }
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /** Echo at most 60 characters of a caller's value, so hostile input does not flood the error. */
    public static String shorten(String s) {
        String clean = s.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= 60 ? clean : clean.substring(0, 57) + "...";
    }

    /** Accepted spellings of every enumerated parameter, for documentation and tests. */
    public static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("min_fit", new ArrayList<>(new TreeSet<>(FIT_LEVELS.keySet())));
        m.put("runtime", new ArrayList<>(new TreeSet<>(RUNTIMES.keySet())));
        m.put("use_case", new ArrayList<>(new TreeSet<>(USE_CASES.keySet())));
        m.put("sort", new ArrayList<>(new TreeSet<>(SORTS.keySet())));
        m.put("type", new ArrayList<>(new TreeSet<>(TYPES.keySet())));
        return m;
    }
}
