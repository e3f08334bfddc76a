package dev.fitd.inventory.lmstudio;

import dev.fitd.inventory.Fixtures;
import dev.fitd.inventory.source.RuntimeListing;

/** Parsed LM Studio fixtures for tests outside this package (the parser is package-private). */
public final class LmStudioFixtures {
    private LmStudioFixtures() { }

    /** {@code fixtures/runtimes/<path>} parsed as an {@code /api/v1/models} answer; fails on a parse failure. */
    public static RuntimeListing v1(String path) {
        return LmStudioParser.parseV1(Fixtures.read(path)).result().orElseThrow();
    }
}
