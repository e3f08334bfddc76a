package dev.fitd.service;

import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.CatalogState;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.config.ServiceConfig;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.QuantType;
import dev.fitd.estimate.InferenceRuntime;
import dev.fitd.fit.FitEvaluator;
import dev.fitd.fit.FitResult;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareOverrides;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.query.Endpoint;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.QuantType;
import dev.fitd.catalog.NameResolver;
import dev.fitd.query.ModelQuery;
import dev.fitd.query.NameMatch;
import dev.fitd.query.QueryException;
import dev.fitd.query.QueryParser;
import dev.fitd.query.RowSelector;
import dev.fitd.query.Selection;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.JoinedInventory;
import dev.fitd.inventory.LocalModel;
import dev.fitd.inventory.ModelPresence;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers model queries: takes the current snapshot (or a what-if derived from it), grades every
 * catalog model against it, and lets the query select rows. Grading is pure and cached per
 * ({@linkplain FitdState#versions() state versions}, estimate request, hardware what-if); a new snapshot,
 * inventory or catalog version makes a new key. Each answer reads one {@link FitdState}, whose inventory
 * was joined onto its catalog, so the two always match.
 */
@ApplicationScoped
public class ModelService {

    /**
     * What a query was answered with: the machine it was graded against (the what-if, if any, applied to
     * {@code state}'s snapshot), the selected rows, and the one state the whole answer was read from (its
     * catalog, and the local-runtime inventory that says which rows are installed or loaded).
     */
    public record Answer(HardwareSnapshot hardware, Selection selection, FitdState state, NameMatch name) {
        /** The local-runtime inventory the rows were graded with. */
        public JoinedInventory inventory() { return state.inventory(); }

        /** The catalog graded. */
        public CatalogState catalog() { return state.catalog(); }
    }

    private record CacheKey(FitdState.Versions versions, EstimateRequest request, HardwareOverrides hardware) { }

    @Inject
    FitEvaluator evaluator;
    @Inject
    StateHolder states;
    @Inject
    ServiceConfig config;
    @Inject
    QueryParser parser;

    private final RowSelector selector = new RowSelector();
    private ResultCache<CacheKey, List<FitResult>> cache;

    @PostConstruct
    void init() {
        if (config.cacheEntries() < 1) {
            throw new IllegalArgumentException("fitd.service.cache-entries must be at least 1, got " + config.cacheEntries());
        }
        cache = new ResultCache<>(config.cacheEntries());
    }

    /**
     * The answer from the holder's current state.
     *
     * @throws QueryException when the what-if hardware or the request cannot be evaluated (a 400)
     */
    public Answer answer(ModelQuery query) {
        return answer(query, states.current());
    }

    /**
     * The answer from {@code state}, the one value this request reads (the micro-cache keys its entry by the
     * same state's versions).
     *
     * @throws QueryException when the what-if hardware or the request cannot be evaluated (a 400)
     */
    public Answer answer(ModelQuery query, FitdState state) {
        HardwareSnapshot hardware = machine(state.hardware(), query.hardware());
        JoinedInventory inventory = state.inventory();
        Catalog catalog = state.catalog().catalog();
        NameMatch name = query.name() == null ? null : nameMatch(query.name(), catalog, inventory);
        EstimateRequest request = query.estimateRequest();
        CacheKey key = new CacheKey(state.versions(), request, query.hardware());
        List<FitResult> rows = cache.get(key, () -> grade(catalog, hardware, request, inventory));
        return new Answer(hardware, selector.select(query, rows, state.presence(), name), state, name);
    }

    /**
     * The one model a name stands for: the first row {@code GET /api/v1/models/{name}} answers (an exact key,
     * alias or display-name match before partial matches, then by score), with no fit filter. The single place
     * where a user-given model name becomes a model, for every endpoint that takes one ({@code POST /api/v1/plan}).
     *
     * @throws NoSuchModelException when nothing matches (a 404)
     * @throws QueryException when the name itself is not acceptable (empty, too long; a 400)
     */
    public ModelSpec resolveModel(String name) {
        return resolveModel(name, states.current());
    }

    /** As {@link #resolveModel(String)}, in {@code state} (the one state the calling request reads). */
    public ModelSpec resolveModel(String name, FitdState state) {
        Map<String, List<String>> everything = new LinkedHashMap<>();
        everything.put("min_fit", List.of("too_tight"));
        everything.put("include_too_tight", List.of("true"));
        everything.put("limit", List.of("1"));
        ModelQuery query = parser.parse(Endpoint.NAME, name, everything);
        // a name the catalog's resolver knows is that model: no need to grade the catalog to find it
        Optional<NameResolver.Resolution> known = state.catalog().catalog().names().resolve(query.name());
        if (known.isPresent()) {
            return known.get().model();
        }
        Answer a = answer(query, state);
        if (a.selection().rows().isEmpty()) {
            throw new NoSuchModelException(name);
        }
        return a.selection().rows().get(0).model();
    }

    /**
     * The machine a what-if describes, derived from the current snapshot exactly as the model endpoints
     * derive it, so {@code /api/v1/system} and the model rows of the same what-if describe one machine.
     *
     * @throws QueryException when the what-if cannot be applied (a 400)
     */
    public HardwareSnapshot machine(HardwareOverrides whatIf) {
        return machine(states.current().hardware(), whatIf);
    }

    /** As {@link #machine(HardwareOverrides)}, derived from {@code base} (a state's snapshot). */
    public static HardwareSnapshot machine(HardwareSnapshot base, HardwareOverrides whatIf) {
        try {
            return HardwareDerivation.apply(base, whatIf);
        } catch (IllegalArgumentException e) {
            throw new QueryException(null, e.getMessage());
        }
    }

    /**
     * Grades every catalog model, then every locally installed model the catalog does not know but
     * whose architecture a runtime reported. An installed model is graded at the quantization of its
     * installed copy unless the request forces one.
     */
    private List<FitResult> grade(Catalog catalog, HardwareSnapshot hardware, EstimateRequest request,
                                  JoinedInventory inventory) {
        List<FitResult> rows = new ArrayList<>(catalog.size());
        try {
            for (ModelSpec m : catalog.models()) {
                rows.add(gradeInstalled(m, hardware, request, inventory.presence(m.key())));
            }
            for (LocalModel local : inventory.uncatalogued()) {
                Optional<ModelSpec> spec = local.toModelSpec();
                if (spec.isPresent()) {
                    FitResult r = gradeInstalled(spec.get(), hardware, request, local.presence());
                    rows.add(withNotes(r, local.notes()));
                } else if (local.weightsBytes() != null && local.weightsBytes() > 0) {
                    rows.add(WeightsOnlyRows.of(local, hardware, request.runtime()));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new QueryException(null, e.getMessage());
        }
        return List.copyOf(rows);
    }

    private FitResult gradeInstalled(ModelSpec m, HardwareSnapshot hardware, EstimateRequest request,
                                     ModelPresence presence) {
        Optional<InstalledModel> copy = presence.preferred();
        if (request.quant() == null && copy.isPresent() && copy.get().quantization() != null) {
            Optional<QuantType> installedQuant = parseQuant(copy.get().quantization());
            if (installedQuant.isPresent() && !loadableBy(installedQuant.get(), request.runtime())) {
                // force_runtime names a runtime that cannot load the installed copy (mlx and a GGUF file, or
                // llamacpp and an MLX folder): the row is for that runtime's own build, and says so.
                FitResult r = evaluator.evaluate(m, hardware, request);
                return withNotes(r, List.of("the installed " + installedQuant.get().wire() + " copy ("
                        + copy.get().runtime().wire() + " " + copy.get().id() + ") is not loadable by "
                        + request.runtime().wire() + "; figures are for a " + request.runtime().wire() + " build"));
            }
            if (installedQuant.isPresent()) {
                Long size = copy.get().sizeBytes();
                FitResult r = evaluator.evaluate(m, hardware, request.atInstalled(installedQuant.get().wire(), size));
                return withNotes(r, List.of("figures are for the installed " + installedQuant.get().wire() + " copy ("
                        + copy.get().runtime().wire() + " " + copy.get().id()
                        + (size != null && size > 0 ? ", " + size + " bytes of weights" : "") + ")"));
            }
        }
        return evaluator.evaluate(m, hardware, request);
    }

    /** Whether {@code runtime} (null: the natural one) can load weights of {@code quant}: MLX loads MLX folders. */
    private static boolean loadableBy(QuantType quant, InferenceRuntime runtime) {
        if (runtime == null) {
            return true;
        }
        boolean mlxFormat = quant.format() == QuantType.Format.MLX;
        return runtime == InferenceRuntime.MLX ? mlxFormat || quant == QuantType.BF16 : !mlxFormat;
    }

    private static Optional<QuantType> parseQuant(String name) {
        try {
            return Optional.of(QuantType.parse(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static FitResult withNotes(FitResult r, List<String> extra) {
        if (extra.isEmpty()) {
            return r;
        }
        ModelEstimate noted = r.estimate().withNotes(extra);
        return new FitResult(r.model(), noted, r.level(), r.score());
    }

    /**
     * What the {@code /models/{name}} name selects: the one catalog model the catalog's name resolver
     * finds (exact key, alias, normalised name), else the one uncatalogued local model with that key or
     * installed id, else every model whose names contain it; a name that is none of these is a 404
     * listing up to three nearest catalog names. The resolver is built once per catalog version.
     */
    NameMatch nameMatch(String name, Catalog catalog, JoinedInventory inventory) {
        Optional<NameResolver.Resolution> r = catalog.names().resolve(name);
        if (r.isPresent()) {
            return new NameMatch(r.get().model().key(), r.get().how().wire());
        }
        for (LocalModel local : inventory.uncatalogued()) {
            if (local.key().equalsIgnoreCase(name)) {
                return new NameMatch(local.key(), NameResolver.MatchKind.EXACT.wire());
            }
            if (local.presence().installedIn().stream().anyMatch(m -> m.id().equalsIgnoreCase(name))) {
                return new NameMatch(local.key(), NameResolver.MatchKind.ALIAS.wire());
            }
        }
        String needle = name.toLowerCase(java.util.Locale.ROOT);
        if (selector.nameMatchesAny(needle, catalog.models()) || matchesLocal(needle, inventory)) {
            return NameMatch.SUBSTRING;
        }
        throw new NoSuchModelException(name, catalog.names().suggestions(name, 3));
    }

    /** Whether {@code name} matches an uncatalogued local model's key, name or installed ids. */
    private static boolean matchesLocal(String name, JoinedInventory inventory) {
        String needle = name.toLowerCase(java.util.Locale.ROOT);
        return inventory.uncatalogued().stream().anyMatch(l -> l.key().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || (l.displayName() != null && l.displayName().toLowerCase(java.util.Locale.ROOT).contains(needle)));
    }

    /** The {@code /models/{name}} path matches no model at all (a 404), with up to three nearest catalog names. */
    public static final class NoSuchModelException extends RuntimeException {
        private final transient List<String> suggestions;

        public NoSuchModelException(String name) {
            this(name, List.of());
        }

        public NoSuchModelException(String name, List<String> suggestions) {
            super("no model matches '" + dev.fitd.query.QueryParser.shorten(name) + "'"
                    + (suggestions.isEmpty() ? "" : ": did you mean " + String.join(", ", suggestions) + "?")
                    + " Try /api/v1/models?search=<part of a name> to list candidates", null, false, false);
            this.suggestions = List.copyOf(suggestions);
        }

        /** Nearest catalog keys, closest first (at most three). */
        public List<String> suggestions() { return suggestions; }
    }
}
