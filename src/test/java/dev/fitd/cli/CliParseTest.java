package dev.fitd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.query.QueryException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliParseTest {

    @Test
    void flagsBecomeTheApiParametersOfTheSameName() {
        Cli.Command c = Cli.parse("top", "--gpu", "NVIDIA GeForce RTX 4090", "--ram-gb=64", "--max-context", "32768",
                "--perfect", "--use-case", "coding", "-n", "3", "--json");
        assertEquals("top", c.name());
        assertTrue(c.json());
        assertEquals(Map.of("gpu", List.of("NVIDIA GeForce RTX 4090"), "ram_gb", List.of("64"),
                "max_context", List.of("32768"), "perfect", List.of("true"), "use_case", List.of("coding"),
                "n", List.of("3")), c.params());
    }

    @Test
    void modelTakesItsName() {
        Cli.Command c = Cli.parse("model", "llama3.1:8b", "--quant", "Q4_K_M");
        assertEquals("llama3.1:8b", c.model());
        assertEquals(Map.of("quant", List.of("Q4_K_M")), c.params());
        assertFalse(c.json());
    }

    @Test
    void aRepeatedFlagIsKeptTwiceSoTheParserRefusesIt() {
        assertEquals(List.of("1", "2"), Cli.parse("models", "--limit", "1", "--limit", "2").params().get("limit"));
    }

    @Test
    void badCommandLinesNameWhatIsWrong() {
        assertEquals("'model' needs a model name: java -jar fitd.jar model NAME [options]",
                assertThrows(QueryException.class, () -> Cli.parse("model")).getMessage());
        assertEquals("option '--sort' needs a value: --sort VALUE",
                assertThrows(QueryException.class, () -> Cli.parse("models", "--sort")).getMessage());
        assertEquals("unexpected argument 'extra': options are --name value or --name=value",
                assertThrows(QueryException.class, () -> Cli.parse("top", "extra")).getMessage());
    }

    @Test
    void onlyTheViewCommandsLeaveTheDaemon() {
        assertTrue(Cli.handles("top"));
        assertTrue(Cli.handles("system", "--json"));
        assertFalse(Cli.handles());
        assertFalse(Cli.handles("serve"));
        assertFalse(Cli.handles("-Dx=y"));
    }
}
