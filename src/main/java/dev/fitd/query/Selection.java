package dev.fitd.query;

import dev.fitd.fit.FitResult;
import java.util.List;

/**
 * The rows a query selects.
 *
 * @param totalModels rows that passed the filters, before {@code limit}
 * @param rows the rows to return, sorted, at most {@code limit}
 */
public record Selection(int totalModels, List<FitResult> rows) {
    public Selection {
        rows = List.copyOf(rows);
    }
}
