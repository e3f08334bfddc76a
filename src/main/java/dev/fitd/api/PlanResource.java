package dev.fitd.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.fit.HardwarePlanner;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareOverrides;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.query.QueryException;
import dev.fitd.service.FitdState;
import dev.fitd.service.ModelService;
import dev.fitd.service.StateHolder;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code POST /api/v1/plan}: the hardware a model needs, in llmfit's request and response shape (its
 * {@code plan_estimate} handler and {@code PlanEstimate} in AlexsJones/llmfit {@code llmfit-core/src/plan.rs}),
 * plus fitd's {@code hardware_options}: the GPUs (one or several of a kind) and unified-memory chips that reach the
 * target. The body is any content type holding JSON (a bare {@code curl -d} sends form encoding); see
 * {@link PlanBody} for what it accepts and {@link HardwarePlanner} for what is computed. The model is resolved by
 * {@link ModelService#resolveModel}, the lookup {@code /api/v1/models/{name}} uses.
 */
@Path("/api/v1/plan")
public class PlanResource {

    /** The answer; field names as in llmfit's {@code PlanEstimate}, then fitd's additions. */
    public record PlanResponse(
            String estimateNotice,
            String modelName,
            String provider,
            int context,
            String quantization,
            String kvQuant,
            Double targetTps,
            HardwarePlanner.Need minimum,
            HardwarePlanner.Need recommended,
            List<HardwarePlanner.PathPlan> runPaths,
            HardwarePlanner.Current current,
            List<HardwarePlanner.Upgrade> upgradeDeltas,
            List<HardwarePlanner.KvAlternative> kvAlternatives,
            String key,
            String displayName,
            String requestedModel,
            List<HardwarePlanner.Option> hardwareOptions,
            List<String> notes,
            long snapshotVersion) { }

    @Inject
    ModelService models;
    @Inject
    StateHolder states;
    @Inject
    HardwarePlanner planner;
    @Inject
    ObjectMapper mapper;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public PlanResponse plan(String body) {
        PlanBody b = PlanBody.parse(mapper, body);
        FitdState state = states.current();   // one state: the model is resolved in it, the machine is its snapshot
        ModelSpec model;
        try {
            model = models.resolveModel(b.model(), state);
        } catch (QueryException e) {
            throw new QueryException("model", e.getMessage());
        }
        if (model.maxContextLength() > 0 && b.context() > model.maxContextLength()) {
            throw new QueryException("context", "context " + b.context() + " exceeds the maximum context of "
                    + model.key() + " (" + model.maxContextLength() + " tokens)");
        }
        HardwareSnapshot base = state.hardware();
        HardwareSnapshot current;
        try {
            current = HardwareDerivation.apply(base, new HardwareOverrides(b.ramGb(), b.vramGb(), b.cpuCores(), null, null));
        } catch (IllegalArgumentException e) {
            throw new QueryException(null, e.getMessage());
        }
        HardwarePlanner.Plan p = planner.plan(model, current,
                new HardwarePlanner.Request(b.context(), b.quant(), b.kvCacheType(), b.targetTps()));
        return new PlanResponse(
                "Estimate from fitd's memory and bandwidth model over its device table; not an exact benchmark.",
                model.key(), model.provider(), p.context(), p.quantization(), llmfitKvName(p.kvCacheType()), p.targetTps(),
                p.minimum(), p.recommended(), p.runPaths(), p.current(), p.upgradeDeltas(), p.kvAlternatives(),
                model.key(), model.displayName(), b.model(), p.options(), p.notes(), base.version());
    }

    /** fitd's {@code f16} is llmfit's {@code fp16}; the other KV types share their names. */
    static String llmfitKvName(String fitdType) {
        return "f16".equals(fitdType) ? "fp16" : fitdType;
    }
}
