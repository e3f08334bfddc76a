package dev.fitd.catalog;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.LocalDate;
import java.util.List;

/**
 * One catalog entry: identity, licensing and capabilities as users know them from LM Studio, plus
 * the exact {@link Architecture} from which memory and speed are computed. Immutable; field meanings
 * and units are in {@code catalog/schema.json}.
 *
 * @param params total parameters excluding a separately stated vision tower
 * @param activeParams MoE only: parameters used per token as the publisher states them, else null
 * @param activeParamsExcludesInputEmbedding the publisher's active count leaves out the input embedding table
 * @param activeParamsExcludesEmbeddings the publisher's active count leaves out the input embedding table and
 *        the output head (exclusive with the previous flag)
 * @param arch the architecture; null only for a locally installed model no runtime described (such a row
 *        shows its installed weights and is not estimated further)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelSpec(
        String key,
        String displayName,
        String publisher,
        String provider,
        ModelType type,
        String architecture,
        long params,
        Long activeParams,
        boolean activeParamsExcludesInputEmbedding,
        boolean activeParamsExcludesEmbeddings,
        String paramsString,
        LocalDate releaseDate,
        String license,
        int maxContextLength,
        UseCase useCase,
        String tuning,
        String nativeDtype,
        Capabilities capabilities,
        List<String> formats,
        List<String> aliases,
        Vision vision,
        Integer embeddingDim,
        Architecture arch) {

    public ModelSpec {
        formats = formats == null ? List.of() : List.copyOf(formats);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** True for mixture-of-experts models. */
    public boolean isMoe() { return arch != null && arch.moe() != null; }

    /** Vision tower + projector parameters, 0 when the model has none. */
    public long visionParams() { return vision == null ? 0 : vision.params(); }

    /** A separately stated vision tower and projector. */
    public record Vision(long params) { }
}
