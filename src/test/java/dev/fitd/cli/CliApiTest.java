package dev.fitd.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The terminal view answers what the API answers: its {@code --json} is the API's document for the same query
 * (same pinned profile, runtimes off, as the test daemon), its table shows those rows in that order, aligned,
 * and bad input gets the API's own message with exit status 2.
 */
@QuarkusTest
class CliApiTest {
    static final Map<String, String> CONFIG = Map.of("fitd.hardware.profile", "config/profile.rtx4090.example.json");
    private final ObjectMapper json = new ObjectMapper();

    record Run(int status, String out, String err) { }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CONFIG, false).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The document without the two fields that say when and how often the machine was probed. */
    private JsonNode comparable(String body) throws Exception {
        JsonNode n = json.readTree(body);
        ((ObjectNode) n.path("system")).remove(List.of("snapshot_taken_at", "snapshot_version"));
        return n;
    }

    @Test
    void jsonIsTheApiAnswerForTheSameQuery() throws Exception {
        String[][] cases = {
                {"top", "/api/v1/models/top?use_case=coding&max_context=32768", "--use-case", "coding", "--max-context", "32768"},
                {"models", "/api/v1/models?min_fit=good&sort=tps&limit=7", "--min-fit", "good", "--sort", "tps", "--limit", "7"},
                {"models", "/api/v1/models?gpu=Apple%20M2%20Max&ram_gb=64&limit=5", "--gpu", "Apple M2 Max", "--ram-gb", "64", "-n", "5"},
                {"model", "/api/v1/models/llama3.1:8b?quant=Q4_K_M", "llama3.1:8b", "--quant", "Q4_K_M"},
                {"system", "/api/v1/system"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length - 1];
            args[0] = c[0];
            System.arraycopy(c, 2, args, 1, c.length - 2);
            String[] withJson = java.util.Arrays.copyOf(args, args.length + 1);
            withJson[args.length] = "--json";
            Run r = run(withJson);
            assertEquals(0, r.status(), r.err());
            String api = given().urlEncodingEnabled(false).get(c[1]).then().statusCode(200).extract().asString();
            assertEquals(comparable(api), comparable(r.out()), String.join(" ", withJson));
        }
    }

    @Test
    void theTableShowsTheApiRowsInOrderWithAlignedColumns() throws Exception {
        Run r = run("models", "--sort", "tps", "--limit", "12");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("\u001b["), "no colour when stdout is not a terminal");
        List<String> lines = r.out().lines().toList();
        JsonNode api = json.readTree(given().get("/api/v1/models?sort=tps&limit=12").then().statusCode(200).extract().asString());
        List<String> table = lines.subList(1, lines.size() - 1);   // after the machine line, before the count line
        assertEquals(13, table.size(), r.out());
        String header = table.get(0);
        for (String column : List.of("model", "quant", "fit", "run mode", "use case")) {
            int at = header.indexOf(column);
            for (int i = 1; i < table.size(); i++) {
                String row = table.get(i);
                assertTrue(row.length() > at && row.charAt(at) != ' ' && row.charAt(at - 1) == ' ',
                        "column '" + column + "' starts at " + at + " in every row: " + row);
            }
        }
        int tpsEnd = header.indexOf("tok/s") + "tok/s".length();
        for (int i = 1; i < table.size(); i++) {
            JsonNode row = api.path("models").get(i - 1);
            String line = table.get(i);
            assertTrue(line.substring(header.indexOf("model")).startsWith(row.path("key").asText() + " "), line);
            assertEquals(String.format(java.util.Locale.ROOT, "%.1f", row.path("estimated_tps").asDouble()),
                    line.substring(0, tpsEnd).trim().replaceAll(".*\\s", ""), "right-aligned tok/s: " + line);
        }
        assertEquals("12 of " + api.path("total_models").asInt() + " matching models shown", lines.get(lines.size() - 1));
    }

    @Test
    void badInputGetsTheApiMessageAndStatus2() {
        String apiMessage = given().get("/api/v1/models?sort=size").then().statusCode(400).extract().path("error");
        Run r = run("models", "--sort", "size");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("fitd: " + apiMessage + "\n"), r.err());
        assertEquals("", r.out());

        String unknown = given().get("/api/v1/models?minfit=good").then().statusCode(400).extract().path("error");
        Run u = run("models", "--minfit", "good");
        assertEquals(2, u.status());
        assertTrue(u.err().startsWith("fitd: " + unknown), u.err());

        Run none = run("model", "no-such-model-anywhere-42");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("no model matches 'no-such-model-anywhere-42'"), none.err());

        Run what = run("models", "--gpu", "NVIDIA GeForce RTX 4090", "--vram-gb", "-3");
        assertEquals(2, what.status(), what.err());
        assertEquals(given().get("/api/v1/models?gpu=NVIDIA%20GeForce%20RTX%204090&vram_gb=-3").then().statusCode(400)
                .extract().path("error"), what.err().lines().findFirst().orElseThrow().substring("fitd: ".length()));
    }

    @Test
    void modelShowsTheFirstRowsDetails() {
        Run r = run("model", "Qwen/Qwen3-8B");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("  memory    "), r.out());
        assertTrue(r.out().contains("  verify    llama-bench "), r.out());
    }

    @Test
    void systemShowsEveryGpuAndWhereEachValueCameFrom() {
        Run r = run("system");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("1 x NVIDIA GeForce RTX 4090, 24.0 GiB, 1008 GB/s, CUDA"), r.out());
        // the profile gives no RAM bandwidth: it comes from the CPU table, and the row says so
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("RAM bandwidth") && l.contains("CPU table: Ryzen 9 7950X")),
                r.out());
    }
}
