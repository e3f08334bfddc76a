package dev.fitd.inventory.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.estimate.GgmlType;
import dev.fitd.inventory.gguf.GgufBuilder;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.ParamsStrings;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeSettings;
import dev.fitd.inventory.source.RuntimeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class GgufScannerTest {
    @TempDir
    Path home;

    public static GgufBuilder model(String arch, String name, int fileType) {
        return new GgufBuilder(3)
                .string("general.architecture", arch)
                .string("general.name", name)
                .u32("general.file_type", fileType)
                .u32(arch + ".block_count", 2)
                .u32(arch + ".context_length", 8192)
                .u32(arch + ".embedding_length", 256)
                .u32(arch + ".attention.head_count", 4)
                .u32(arch + ".attention.head_count_kv", 1)
                .tensor("token_embd.weight", GgmlType.Q4_K, 256, 8)
                .tensor("blk.0.attn_q.weight", GgmlType.Q6_K, 256, 4)
                .tensor("blk.0.attn_norm.weight", GgmlType.F32, 256);
    }

    private static RuntimeSettings.Gguf settings(boolean defaults, Path... dirs) {
        return new RuntimeSettings.Gguf(true, defaults, List.of(dirs), null, 0);
    }

    @Test
    void lmStudioFolderLayoutGivesExactFigures() throws Exception {
        Path dir = Files.createDirectories(home.resolve(".lmstudio/models/lmstudio-community/Tiny-Chat-GGUF"));
        GgufBuilder b = model("llama", "Tiny Chat", 15);
        b.write(dir.resolve("Tiny-Chat-Q4_K_M.gguf"));

        GgufScanner scanner = new GgufScanner(settings(true), home);
        assertEquals(List.of(home.resolve(".lmstudio/models")), scanner.roots());
        List<String> warnings = new ArrayList<>();
        List<InstalledModel> models = scanner.scan(warnings);
        assertEquals(List.of(), warnings);
        InstalledModel m = models.get(0);
        assertEquals(RuntimeKind.GGUF, m.runtime());
        assertEquals("lmstudio-community/Tiny-Chat-GGUF/Tiny-Chat-Q4_K_M", m.id());
        assertEquals("lmstudio-community", m.publisher());
        assertEquals("Tiny Chat", m.displayName());
        assertEquals("Q4_K_M", m.quantization());
        assertEquals(b.tensorBytes(), m.sizeBytes());
        long elements = 256 * 8 + 256 * 4 + 256;
        assertEquals(elements, m.parameterCount());
        assertEquals(b.tensorBytes() * 8.0 / elements, m.bitsPerWeight(), 1e-12);
        assertEquals(8192, m.maxContextLength());
        assertEquals("llama", m.architecture());
        assertEquals("gguf", m.format());
        assertNotNull(m.gguf());
        assertEquals(1, m.gguf().headCountKv());
        assertTrue(m.path().endsWith("Tiny-Chat-Q4_K_M.gguf"));
    }

    @Test
    void corruptAndTruncatedFilesAreSkippedWithAWarningNamingThem() throws Exception {
        Path dir = Files.createDirectories(home.resolve("models"));
        model("llama", "Good", 15).write(dir.resolve("good.gguf"));
        byte[] full = model("llama", "Cut", 15).build();
        Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(full, 90));
        Files.writeString(dir.resolve("fake.gguf"), "<html>not found</html>");
        Files.writeString(dir.resolve("readme.txt"), "ignored");

        List<String> warnings = new ArrayList<>();
        List<InstalledModel> models = new GgufScanner(settings(false, dir), home).scan(warnings);
        assertEquals(List.of("good"), models.stream().map(InstalledModel::id).toList());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("cut.gguf") && w.contains("truncated")), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("fake.gguf") && w.contains("wrong magic")), warnings.toString());
    }

    @Test
    void ollamaBlobsAreSniffedAndNamedFromManifests() throws Exception {
        Path models = home.resolve(".ollama/models");
        Path blobs = Files.createDirectories(models.resolve("blobs"));
        String hex = "dde5aa3fc5ffc17176b5e8bdc82f587b24b2678c6c66101bf7da77af9f7ccdff";
        model("llama", "Llama 3.2 3B Instruct", 15).write(blobs.resolve("sha256-" + hex));
        Files.writeString(blobs.resolve("sha256-" + "0".repeat(64)), "{\"license\": \"not a model\"}");
        Path manifest = Files.createDirectories(models.resolve("manifests/registry.ollama.ai/library/llama3.2")).resolve("latest");
        Files.writeString(manifest, "{\"schemaVersion\":2,\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\","
                + "\"digest\":\"sha256:" + hex + "\",\"size\":2019377376},{\"mediaType\":\"application/vnd.ollama.image.license\","
                + "\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":7711}]}");

        List<String> warnings = new ArrayList<>();
        List<InstalledModel> found = new GgufScanner(settings(true), home).scan(warnings);
        assertEquals(List.of(), warnings);
        assertEquals(1, found.size());
        assertEquals("llama3.2:latest", found.get(0).id());
        assertEquals("sha256:" + hex, found.get(0).digest());
    }

    @Test
    void splitModelsAreSummedOverTheirParts() throws Exception {
        Path dir = Files.createDirectories(home.resolve("split"));
        GgufBuilder p1 = model("qwen3", "Big", 15).u32("split.count", 2).u32("split.no", 0);
        GgufBuilder p2 = new GgufBuilder(3).u32("split.count", 2).u32("split.no", 1).tensor("blk.1.attn_q.weight", GgmlType.Q4_K, 256, 16);
        p1.write(dir.resolve("Big-Q4_K_M-00001-of-00002.gguf"));
        p2.write(dir.resolve("Big-Q4_K_M-00002-of-00002.gguf"));
        model("qwen3", "Half", 15).write(dir.resolve("Half-00001-of-00003.gguf"));

        List<String> warnings = new ArrayList<>();
        List<InstalledModel> found = new GgufScanner(settings(false, dir), home).scan(warnings);
        assertEquals(1, found.size());
        assertEquals("Big-Q4_K_M", found.get(0).id());
        assertEquals(p1.tensorBytes() + p2.tensorBytes(), found.get(0).sizeBytes());
        assertTrue(warnings.get(0).contains("found 1 of 3 parts"), warnings.toString());
    }

    @Test
    void visionProjectorsAreNotModels() throws Exception {
        Path dir = Files.createDirectories(home.resolve("vlm"));
        new GgufBuilder(3).string("general.architecture", "clip").string("general.type", "mmproj")
                .tensor("v.patch_embd.weight", GgmlType.F16, 16, 16).write(dir.resolve("mmproj-model-f16.gguf"));
        model("gemma3", "Gemma", 15).write(dir.resolve("gemma.gguf"));
        List<InstalledModel> found = new GgufScanner(settings(false, dir), home).scan(new ArrayList<>());
        assertEquals(List.of("gemma"), found.stream().map(InstalledModel::id).toList());
    }

    @Test
    void aSingleConfiguredFileAndAMissingPath() throws Exception {
        Path file = model("llama", "One", 7).write(home.resolve("one-Q8_0.gguf"));
        List<String> warnings = new ArrayList<>();
        List<InstalledModel> found = new GgufScanner(settings(false, file, home.resolve("nope")), home).scan(warnings);
        assertEquals("one-Q8_0", found.get(0).id());
        assertEquals("Q8_0", found.get(0).quantization());
        assertEquals(List.of("GGUF path " + home.resolve("nope") + " does not exist"), warnings);
    }

    @Test
    void pollReportsOkWithWarnings() throws Exception {
        Path dir = Files.createDirectories(home.resolve("m"));
        Files.writeString(dir.resolve("broken.gguf"), "GGUF");
        RuntimePoll p = new GgufScanner(settings(false, dir), home).poll();
        assertEquals(RuntimeState.OK, p.state());
        assertTrue(p.listing().installed().isEmpty());
        assertTrue(p.warnings().get(0).contains("broken.gguf"), p.warnings().toString());
    }

    @Test
    void paramsStrings() {
        assertEquals("8B", ParamsStrings.format(8_030_261_248L));
        assertEquals("3.2B", ParamsStrings.format(3_212_749_888L));
        assertEquals("268M", ParamsStrings.format(268_098_176L));
        assertEquals(new ParamsStrings.Count(26_000_000_000L, 4_000_000_000L), ParamsStrings.parse("26B-A4B").orElseThrow());
        assertEquals(56_000_000_000L, ParamsStrings.parse("8x7B").orElseThrow().total());
        assertEquals(3_200_000_000L, ParamsStrings.parse("3.2B").orElseThrow().total());
        assertTrue(ParamsStrings.parse("big").isEmpty());
    }
}
