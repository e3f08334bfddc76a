package dev.fitd.api;

import dev.fitd.catalog.CatalogState;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.query.ModelQuery;
import dev.fitd.query.Selection;
import dev.fitd.service.ModelService;

/**
 * The JSON views of the API's answers, built in one place so the HTTP resources and the terminal view
 * ({@code dev.fitd.cli}) write the same document for the same query.
 */
public final class ApiViews {
    private ApiViews() { }

    /** The envelope of {@code /api/v1/models}, {@code /top} and {@code /{name}} for {@code query}'s answer. */
    public static ModelsResponse models(ModelQuery query, ModelService.Answer answer) {
        Selection s = answer.selection();
        ModelRow.RowContext ctx = ModelRow.RowContext.of(answer.name() == null ? null : answer.name().how(),
                answer.inventory());
        return new ModelsResponse(NodeView.of(answer.hardware()), SystemView.of(answer.hardware(), answer.catalog()),
                s.totalModels(), s.rows().size(), query.effectiveFilters(), s.rows().stream()
                .map(r -> ModelRow.of(r, answer.state().presence(r.model().key()), ctx)).toList());
    }

    /** {@code /api/v1/system}'s answer. */
    public static SystemResource.SystemResponse system(HardwareSnapshot s, CatalogState catalog) {
        return new SystemResource.SystemResponse(NodeView.of(s), SystemView.of(s, catalog));
    }
}
