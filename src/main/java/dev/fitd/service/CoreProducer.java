package dev.fitd.service;

import dev.fitd.config.EstimateConfig;
import dev.fitd.estimate.KvCacheType;
import dev.fitd.estimate.QuantType;
import dev.fitd.estimate.RooflineEstimator;
import dev.fitd.fit.DefaultFitEvaluator;
import dev.fitd.fit.FitEvaluator;
import dev.fitd.fit.HardwarePlanner;
import dev.fitd.query.QueryParser;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the pure core (estimator, grader, query parser) as singletons. The parser asks the estimator's
 * own vocabularies for {@code quant} and {@code kv_cache}, so the API accepts exactly what the
 * estimator can compute.
 */
public class CoreProducer {

    /** Estimator settings and fit thresholds from {@code fitd.estimate.*}; a bad value stops start-up naming the key. */
    @Produces
    @Singleton
    FitEvaluator fitEvaluator(EstimateConfig config) {
        return new DefaultFitEvaluator(new RooflineEstimator(config.settings()), config.thresholds());
    }

    /** The hardware planner of {@code POST /api/v1/plan}, on the same evaluator and thresholds as every row. */
    @Produces
    @Singleton
    HardwarePlanner hardwarePlanner(FitEvaluator evaluator, EstimateConfig config) {
        return new HardwarePlanner(evaluator, config.thresholds());
    }

    @Produces
    @Singleton
    QueryParser queryParser() {
        return new QueryParser(v -> QuantType.parse(v).wire(), v -> KvCacheType.parse(v).wire());
    }
}
