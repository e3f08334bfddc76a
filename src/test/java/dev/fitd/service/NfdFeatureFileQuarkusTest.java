package dev.fitd.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.labels.LabelSyntax;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The daemon with fitd.kubernetes.nfd-features-file set (hardware: the RTX 4090 test profile). */
@QuarkusTest
@TestProfile(NfdFeatureFileQuarkusTest.WithFeatureFile.class)
class NfdFeatureFileQuarkusTest {
    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "fitd-nfd-" + ProcessHandle.current().pid());
    static final Path FILE = DIR.resolve("fitd");

    public static class WithFeatureFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Map.of("fitd.kubernetes.nfd-features-file", FILE.toString(),
                    "fitd.kubernetes.nfd-models", "meta-llama/Llama-3.1-8B-Instruct,openai/gpt-oss-120b");
        }
    }

    @Inject
    NfdFeatureFile writer;

    @Test
    void theFileIsWrittenAtStartWithValidLabelsForTheListedModels() throws Exception {
        List<String> lines = Files.readAllLines(FILE);
        for (String line : lines) {
            assertEquals(Optional.empty(), LabelSyntax.lineProblem(line), line);
        }
        assertTrue(lines.contains("fitd.dev/gpu-class=nvidia-geforce-rtx-4090"), lines.toString());
        assertTrue(lines.contains("fitd.dev/llama-3.1-8b-instruct.fit=perfect"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fitd.dev/gpt-oss-120b.fit=")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("fitd.dev/llama-3.1-8b-instruct.tps=")), lines.toString());
        assertEquals(2, lines.stream().filter(l -> l.contains(".fit=")).count(), "only the listed models");
        try (var s = Files.list(DIR)) {
            assertEquals(List.of(FILE), s.toList(), "no dot-file left");
        }
        assertFalse(writer.check(), "nothing changed since: not written again");
    }
}
