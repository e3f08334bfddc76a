package dev.fitd.query;

import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.fit.FitLevel;
import dev.fitd.hardware.HardwareOverrides;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed, validated model query with every default and alias already resolved. Immutable; built
 * only by {@link QueryParser}.
 *
 * @param limit rows to return at most, null for unlimited
 * @param perfect only perfect rows (overrides {@code minFit})
 * @param minFit lowest fit level to include
 * @param minFitGiven whether the caller gave {@code min_fit} (decides the include_too_tight default)
 * @param includeTooTight effective include_too_tight (see {@link QueryParser} for the rule)
 * @param provider lower-cased substring of publisher or provider, null for any
 * @param search lower-cased substring searched in name, provider, parameter count, use case and category, null for none
 * @param name the {@code /models/{name}} path segment, null on the other endpoints
 * @param maxContext context to estimate at, null for the configured default
 * @param quant quantization to force, canonical upper-case name, null to choose
 * @param kvCache KV cache type, lower case, null for the default (f16)
 * @param hardware per-request hardware what-if, {@link HardwareOverrides#NONE} for the probed machine
 * @param installed only rows installed in a local runtime (true) or not installed (false); null for both
 * @param loaded only rows loaded in a local runtime now (true) or not loaded (false); null for both
 * @param type only LLM or only embedding rows, null for both (the effective value: see {@link QueryParser#defaultType})
 */
public record ModelQuery(
        Endpoint endpoint,
        Integer limit,
        boolean perfect,
        FitLevel minFit,
        boolean minFitGiven,
        boolean includeTooTight,
        RuntimeFilter runtime,
        UseCase useCase,
        String provider,
        String search,
        String name,
        SortKey sort,
        Integer maxContext,
        String quant,
        InferenceRuntime forceRuntime,
        String kvCache,
        HardwareOverrides hardware,
        Boolean installed,
        Boolean loaded,
        ModelType type) {

    /** The estimator inputs this query asks for: the part of the query that changes the figures. */
    public EstimateRequest estimateRequest() {
        return new EstimateRequest(maxContext, quant, kvCache, forceRuntime, null);
    }

    /** Whether a row of this fit level passes the fit filters. */
    public boolean admits(FitLevel level) {
        if (perfect) {
            return level == FitLevel.PERFECT;
        }
        if (level == FitLevel.TOO_TIGHT) {
            return includeTooTight;
        }
        return level.atLeast(minFit);
    }

    /** The effective value of every parameter, as echoed in the response's {@code filters} object. */
    public Map<String, Object> effectiveFilters() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("limit", limit);
        f.put("perfect", perfect);
        f.put("min_fit", minFit.wire());
        f.put("include_too_tight", includeTooTight);
        f.put("runtime", runtime.name().toLowerCase(java.util.Locale.ROOT));
        f.put("use_case", useCase == null ? null : useCase.wire());
        f.put("provider", provider);
        f.put("search", search);
        f.put("name", name);
        f.put("sort", sort.wire());
        f.put("max_context", maxContext);
        f.put("quant", quant);
        f.put("force_runtime", forceRuntime == null ? null : forceRuntime.wire());
        f.put("kv_cache", kvCache);
        f.put("ram_gb", hardware.ramGb());
        f.put("vram_gb", hardware.vramGb());
        f.put("cpu_cores", hardware.cpuCores());
        f.put("gpu", hardware.gpuName());
        f.put("gpu_count", hardware.gpuCount());
        f.put("cpu", hardware.cpuName());
        f.put("ram_bandwidth_gbps", hardware.ramBandwidthGbps());
        f.put("gpu_bandwidth_gbps", hardware.gpuBandwidthGbps());
        f.put("installed", installed);
        f.put("loaded", loaded);
        f.put("type", type == null ? "any" : type.wire());
        f.put("order", order());
        return f;
    }

    /**
     * The effective row order in words, echoed as {@code filters.order} so a caller sees the rule without the
     * README: too_tight rows last, LLMs before embedding models in the score and tps orders when both types are
     * listed, then the sort key, then the tie-breaks of {@link SortKey}.
     */
    public String order() {
        String primary = switch (sort) {
            case SCORE -> "score, highest first";
            case TPS -> "decode tokens/s, fastest first";
            case PARAMS -> "parameters, largest first";
            case MEM -> "memory utilization, lowest first";
            case CTX -> "maximum context, longest first";
            case DATE -> "release date, newest first";
            case USE_CASE -> "use case, A-Z";
        };
        boolean llmsFirst = type == null && (sort == SortKey.SCORE || sort == SortKey.TPS);
        return (name != null ? "exact name matches first; " : "") + "runnable rows before too_tight ones; "
                + (llmsFirst ? "LLMs before embedding models" + (sort == SortKey.TPS ? " (those by prefill tokens/s)" : "")
                + "; " : "") + primary + "; ties by score, then key A-Z";
    }
}
