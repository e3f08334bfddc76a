package dev.fitd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fitd.cli.Table.Cell;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private static Table sample() {
        Table t = new Table(List.of("model", "tok/s", "fit"), false, true, false);
        t.add(List.of(Cell.left("a"), Cell.right("123.4"), new Cell("perfect", "32", false)));
        t.add(List.of(Cell.left("longer-name"), Cell.right("5.0"), new Cell("too_tight", "31", false)));
        return t;
    }

    @Test
    void columnsArePaddedToTheWidestCellNumbersRightAligned() {
        assertEquals(List.of(
                "model        tok/s  fit",
                "a            123.4  perfect",
                "longer-name    5.0  too_tight"), sample().render(false));
    }

    @Test
    void colourWrapsOnlyTheTextAndKeepsTheAlignment() {
        List<String> coloured = sample().render(true);
        assertEquals("a            123.4  \u001b[32mperfect\u001b[0m", coloured.get(1));
        List<String> stripped = coloured.stream().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).toList();
        assertEquals(sample().render(false), stripped);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        Table t = new Table(List.of("a", "b"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> t.add(List.of(Cell.left("x"))));
    }
}
