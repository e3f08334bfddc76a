package dev.fitd.api;

import java.util.List;
import java.util.Map;

/**
 * The envelope of every model endpoint.
 *
 * @param totalModels rows that passed the filters, before {@code limit}
 * @param returnedModels rows in {@code models}
 * @param filters the effective value of every parameter after defaults and aliases
 */
public record ModelsResponse(NodeView node, SystemView system, int totalModels, int returnedModels,
                             Map<String, Object> filters, List<ModelRow> models) { }
