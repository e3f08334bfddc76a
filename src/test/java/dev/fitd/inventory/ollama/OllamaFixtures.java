package dev.fitd.inventory.ollama;

import dev.fitd.inventory.Fixtures;
import dev.fitd.inventory.gguf.GgufFacts;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeListing;
import java.util.List;

/** Parsed Ollama fixtures for tests outside this package (the parser is package-private). */
public final class OllamaFixtures {
    private OllamaFixtures() { }

    /** {@code fixtures/runtimes/<path>} parsed as an {@code /api/tags} answer. */
    public static RuntimeListing tags(String path) {
        return OllamaParser.parseTags(Fixtures.read(path)).result().orElseThrow();
    }

    /** The GGUF facts of an {@code /api/show} answer. */
    public static GgufFacts showFacts(String path) {
        return OllamaParser.parseShow(Fixtures.read(path)).result().orElseThrow().facts();
    }

    /** {@code fixtures/runtimes/<path>} parsed as an {@code /api/ps} answer. */
    public static List<LoadedInstance> ps(String path) {
        return OllamaParser.parsePs(Fixtures.read(path)).result().orElseThrow();
    }
}
