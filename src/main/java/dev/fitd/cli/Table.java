package dev.fitd.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header, rows of cells, each column padded to its widest cell (numbers right-aligned),
 * two spaces between columns. A cell may carry an ANSI colour; padding is computed on the visible text, so
 * columns line up with or without colour.
 */
final class Table {
    /** One cell: visible text, optional ANSI colour code (e.g. {@code "32"}), right-aligned or not. */
    record Cell(String text, String colour, boolean right) {
        static Cell left(String text) { return new Cell(text, null, false); }

        static Cell right(String text) { return new Cell(text, null, true); }
    }

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<Cell>> rows = new ArrayList<>();

    Table(List<String> header, boolean... rightAligned) {
        this.header = header;
        this.rightAligned = rightAligned;
    }

    void add(List<Cell> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, header " + header.size());
        }
        rows.add(row);
    }

    /** The table as lines; colour codes are written only when {@code colour} is true. */
    List<String> render(boolean colour) {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<Cell> r : rows) {
                width[c] = Math.max(width[c], r.get(c).text().length());
            }
        }
        List<String> lines = new ArrayList<>();
        StringBuilder h = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            pad(h, header.get(c), width[c], c < rightAligned.length && rightAligned[c], c == width.length - 1);
        }
        lines.add(colour ? "\u001b[1m" + h.toString().stripTrailing() + "\u001b[0m" : h.toString().stripTrailing());
        for (List<Cell> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < width.length; c++) {
                Cell cell = r.get(c);
                boolean last = c == width.length - 1;
                if (colour && cell.colour() != null) {
                    int start = b.length();
                    pad(b, cell.text(), width[c], cell.right(), true);
                    String padded = b.substring(start);
                    b.setLength(start);
                    String text = cell.text();
                    int at = padded.indexOf(text);
                    b.append(padded, 0, at).append("\u001b[").append(cell.colour()).append('m').append(text)
                            .append("\u001b[0m").append(padded.substring(at + text.length()));
                    if (!last) {
                        b.append("  ");
                    }
                } else {
                    pad(b, cell.text(), width[c], cell.right(), last);
                }
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }

    private static void pad(StringBuilder b, String text, int width, boolean right, boolean last) {
        String fill = " ".repeat(width - text.length());
        b.append(right ? fill + text : text + fill);
        if (!last) {
            b.append("  ");
        }
    }
}
