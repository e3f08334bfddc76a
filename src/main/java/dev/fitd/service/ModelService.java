package dev.fitd.service;

import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.config.ServiceConfig;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.fit.FitEvaluator;
import dev.fitd.fit.FitResult;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareOverrides;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.query.ModelQuery;
import dev.fitd.query.QueryException;
import dev.fitd.query.RowSelector;
import dev.fitd.query.Selection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers model queries: takes the current snapshot (or a what-if derived from it), grades every
 * catalog model against it, and lets the query select rows. Grading is pure and cached per
 * (snapshot version, estimate request, hardware what-if); a new snapshot version makes a new key.
 */
@ApplicationScoped
public class ModelService {

    /** What a query was answered with: the machine it was graded against and the selected rows. */
    public record Answer(HardwareSnapshot hardware, Selection selection) { }

    private record CacheKey(long snapshotVersion, EstimateRequest request, HardwareOverrides hardware) { }

    @Inject
    Catalog catalog;
    @Inject
    FitEvaluator evaluator;
    @Inject
    SnapshotService snapshots;
    @Inject
    ServiceConfig config;

    private final RowSelector selector = new RowSelector();
    private ResultCache<CacheKey, List<FitResult>> cache;

    @PostConstruct
    void init() {
        cache = new ResultCache<>(config.cacheEntries());
    }

    /**
     * @throws QueryException when the what-if hardware or the request cannot be evaluated (a 400)
     */
    public Answer answer(ModelQuery query) {
        HardwareSnapshot base = snapshots.current();
        HardwareSnapshot hardware;
        try {
            hardware = HardwareDerivation.apply(base, query.hardware());
        } catch (IllegalArgumentException e) {
            throw new QueryException(null, e.getMessage());
        }
        if (query.name() != null && !selector.nameMatchesAny(query.name(), catalog.models())) {
            throw new NoSuchModelException(query.name());
        }
        EstimateRequest request = query.estimateRequest();
        List<FitResult> rows = cache.get(new CacheKey(base.version(), request, query.hardware()),
                () -> grade(hardware, request));
        return new Answer(hardware, selector.select(query, rows));
    }

    private List<FitResult> grade(HardwareSnapshot hardware, EstimateRequest request) {
        List<FitResult> rows = new ArrayList<>(catalog.size());
        try {
            for (ModelSpec m : catalog.models()) {
                rows.add(evaluator.evaluate(m, hardware, request));
            }
        } catch (IllegalArgumentException e) {
            throw new QueryException(null, e.getMessage());
        }
        return List.copyOf(rows);
    }

    /** The {@code /models/{name}} path matches no catalogued model at all (a 404). */
    public static final class NoSuchModelException extends RuntimeException {
        public NoSuchModelException(String name) {
            super("no model matches '" + name + "': try /api/v1/models?search=<part of a name> to list candidates",
                    null, false, false);
        }
    }
}
