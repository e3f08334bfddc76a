package dev.fitd.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The resolver against {@code names/wild-names.tsv}: names as Ollama's library, LM Studio, Hugging Face
 * GGUF/MLX repositories and GGUF files spell them, each with the catalog key it must resolve to, or
 * {@code NONE}. A false match (a name resolved to a wrong key, or a NONE name resolved at all) fails the
 * test; so does a share of right answers below 90 %. The summary line is what docs/name-resolution.md
 * reports.
 */
class NameResolverTableTest {

    record Row(String name, String expected, String source) { }

    static List<Row> table() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = NameResolverTableTest.class.getResourceAsStream("/names/wild-names.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Row(f[0], f[1], f.length > 2 ? f[2] : ""));
            }
        }
        return rows;
    }

    @Test
    void wildNamesResolveRightAndNeverWrong() throws IOException {
        Catalog catalog = new Catalog(Bundled.models().toList());
        NameResolver names = catalog.names();
        List<Row> rows = table();
        int right = 0;
        int expectedMatch = 0;
        int matchedRight = 0;
        List<String> falseMatches = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (Row row : rows) {
            Optional<NameResolver.Resolution> got = names.resolve(row.name());
            String key = got.map(g -> g.model().key()).orElse("NONE");
            if (!row.expected().equals("NONE")) {
                assertTrue(catalog.find(row.expected()).isPresent(), "table names a key not in the catalog: " + row.expected());
                expectedMatch++;
            }
            if (key.equals(row.expected())) {
                right++;
                if (!key.equals("NONE")) {
                    matchedRight++;
                }
            } else if (key.equals("NONE")) {
                missed.add(row.name() + " (expected " + row.expected() + ", " + row.source() + ")");
            } else {
                falseMatches.add(row.name() + " -> " + key + " (expected " + row.expected() + ")");
            }
        }
        System.out.printf("name resolution table: %d names (%d with a catalog entry, %d not in the catalog);"
                        + " resolved right %d/%d = %.1f %% (catalogued names found %d/%d = %.1f %%);"
                        + " false matches %d; missed %d%n",
                rows.size(), expectedMatch, rows.size() - expectedMatch, right, rows.size(), 100.0 * right / rows.size(),
                matchedRight, expectedMatch, 100.0 * matchedRight / expectedMatch, falseMatches.size(), missed.size());
        missed.forEach(m -> System.out.println("  missed: " + m));
        falseMatches.forEach(m -> System.out.println("  FALSE MATCH: " + m));
        assertTrue(rows.size() >= 150, "the table must hold at least 150 names, has " + rows.size());
        assertEquals(List.of(), falseMatches, "false matches");
        assertTrue(right >= 0.9 * rows.size(), "resolved right " + right + " of " + rows.size() + "; missed " + missed);
    }
}
