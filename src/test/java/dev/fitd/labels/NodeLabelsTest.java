package dev.fitd.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.CatalogLoader;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.config.KubernetesConfig;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.RooflineEstimator;
import dev.fitd.fit.DefaultFitEvaluator;
import dev.fitd.fit.FitResult;
import dev.fitd.fit.FitThresholds;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.profile.ProfileReader;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeLabelsTest {
    private static final Catalog CATALOG = CatalogLoader.merge(new CatalogLoader().readBundled(), List.of());
    private static final DefaultFitEvaluator EVALUATOR = new DefaultFitEvaluator(new RooflineEstimator(), FitThresholds.DEFAULTS);

    /** The curated default list, read from the annotation the daemon uses. */
    static List<String> defaultModels() throws NoSuchMethodException {
        String list = KubernetesConfig.class.getMethod("nfdModels").getAnnotation(WithDefault.class).value();
        return Arrays.asList(list.split(","));
    }

    static HardwareSnapshot profile(String file) {
        return ProfileReader.read(Path.of("config", file), 1, Instant.EPOCH, "n", "os");
    }

    static HardwareSnapshot json(String json) {
        return ProfileReader.parse(json, "test.json", 1, Instant.EPOCH, "n", "os");
    }

    /** Several kinds of node: one consumer GPU, two data-centre GPUs, unified memory, no GPU, odd GPU names. */
    static Stream<HardwareSnapshot> machines() {
        return Stream.of(
                profile("profile.rtx4090.example.json"),
                profile("profile.2xa100.example.json"),
                profile("profile.m2max.example.json"),
                json("{\"total_ram_gb\": 32, \"available_ram_gb\": 20, \"cpu_cores\": 8, \"gpus\": []}"),
                json("{\"total_ram_gb\": 2, \"available_ram_gb\": 0.5, \"cpu_cores\": 1, \"gpus\": []}"),
                json("{\"total_ram_gb\": 128, \"cpu_cores\": 32, \"gpus\": [{\"name\": \"  Weird GPU (rev. 2)™ / "
                        + "with a name far longer than any label value may be, really much longer__\", \"vram_gb\": 48,"
                        + " \"count\": 3}]}"));
    }

    static List<FitResult> grade(HardwareSnapshot hw, List<String> keys) {
        List<FitResult> out = new ArrayList<>();
        for (String k : keys) {
            ModelSpec m = CATALOG.models().stream().filter(s -> s.key().equals(k)).findFirst().orElseThrow();
            out.add(EVALUATOR.evaluate(m, hw, EstimateRequest.DEFAULTS));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("machines")
    void everyLineOfTheFileIsAValidNfdLabel(HardwareSnapshot hw) throws Exception {
        List<String> keys = defaultModels();
        String file = NodeLabels.render(NodeLabels.lines("fitd.dev", hw, NodeLabels.modelNames(keys), grade(hw, keys)));
        List<String> labels = file.lines().filter(l -> !l.startsWith("#")).toList();
        for (String name : NodeLabels.modelNames(keys).values()) {
            assertEquals(1, labels.stream().filter(l -> l.startsWith("fitd.dev/" + name + ".fit=")).count(), file);
        }
        assertEquals(labels.size(), labels.stream().map(l -> l.substring(0, l.indexOf('='))).distinct().count(),
                "no label twice: " + file);
        for (String line : file.lines().toList()) {
            assertEquals(Optional.empty(), LabelSyntax.lineProblem(line), line);
            if (!line.startsWith("#")) {
                String name = line.substring(line.indexOf('/') + 1, line.indexOf('='));
                String value = line.substring(line.indexOf('=') + 1);
                assertTrue(name.length() <= 63 && value.length() <= 63, line);
                assertTrue(value.matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?"), line);
            }
        }
        assertTrue(file.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 64 * 1024, "under NFD's 64 kB limit");
    }

    @Test
    void everyCatalogLlmGetsAValidUniqueNameOrACollisionIsReported() {
        Map<String, String> seen = new LinkedHashMap<>();
        for (ModelSpec m : CATALOG.models()) {
            String name = NodeLabels.modelName(m.key());
            assertEquals(Optional.empty(), LabelSyntax.nameProblem(name + ".fit"), m.key());
            seen.putIfAbsent(name, m.key());
        }
        assertEquals(CATALOG.models().size(), seen.size(), "every catalog model has a name of its own");
    }

    @Test
    void theRtx4090NodeSaysWhatItHasAndHowWellModelsFit() throws Exception {
        HardwareSnapshot hw = profile("profile.rtx4090.example.json");
        List<String> keys = List.of("meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.3-70B-Instruct",
                "openai/gpt-oss-120b");
        List<FitResult> graded = grade(hw, keys);
        List<String> lines = NodeLabels.lines("fitd.dev", hw, NodeLabels.modelNames(keys), graded);
        assertTrue(lines.contains("fitd.dev/gpu-class=nvidia-geforce-rtx-4090"), lines.toString());
        assertTrue(lines.contains("fitd.dev/gpu-vendor=nvidia"), lines.toString());
        assertTrue(lines.contains("fitd.dev/gpu-backend=cuda"), lines.toString());
        assertTrue(lines.contains("fitd.dev/gpu-count=1"), lines.toString());
        assertTrue(lines.contains("fitd.dev/vram-gib=" + hw.gpus().get(0).usableVramBytes() / (1L << 30)), lines.toString());
        assertTrue(lines.contains("fitd.dev/ram-gib=56"), "56 GB available in the profile: " + lines);
        // The labels are the evaluator's answers, spelled as the API spells them.
        for (int i = 0; i < keys.size(); i++) {
            FitResult r = graded.get(i);
            String name = NodeLabels.modelName(keys.get(i));
            assertTrue(lines.contains("fitd.dev/" + name + ".fit=" + r.level().wire()), lines.toString());
            int bucket = r.estimate().fits() ? NodeLabels.tpsBucket(r.estimate().decodeTps()) : 0;
            assertTrue(lines.contains("fitd.dev/" + name + ".tps=" + bucket), lines.toString());
        }
        assertTrue(lines.contains("fitd.dev/llama-3.1-8b-instruct.fit=perfect"), "an 8B model on 24 GB: " + lines);
        assertFalse(lines.contains("fitd.dev/gpt-oss-120b.fit=perfect"), "120B on one 24 GB GPU is not perfect: " + lines);
    }

    @Test
    void aNodeWithoutGpuSaysSo() {
        HardwareSnapshot hw = json("{\"total_ram_gb\": 32, \"available_ram_gb\": 20, \"cpu_cores\": 8, \"gpus\": []}");
        List<String> lines = NodeLabels.lines("example.com", hw, Map.of(), List.of());
        assertEquals(List.of("example.com/gpu-class=none", "example.com/gpu-vendor=none", "example.com/gpu-count=0",
                "example.com/unified-memory=false", "example.com/ram-gib=20"), lines);
    }

    @Test
    void tpsBucketsAreLowerBounds() {
        assertEquals(0, NodeLabels.tpsBucket(0.4));
        assertEquals(1, NodeLabels.tpsBucket(1.0));
        assertEquals(5, NodeLabels.tpsBucket(9.99));
        assertEquals(10, NodeLabels.tpsBucket(10));
        assertEquals(75, NodeLabels.tpsBucket(99.9));
        assertEquals(500, NodeLabels.tpsBucket(4000));
        for (int i = 1; i < NodeLabels.TPS_BUCKETS.size(); i++) {
            assertTrue(NodeLabels.TPS_BUCKETS.get(i) > NodeLabels.TPS_BUCKETS.get(i - 1), "ascending");
        }
    }

    @Test
    void modelNamesAreLowerCaseShortAndUnique() {
        assertEquals("llama-3.1-8b-instruct", NodeLabels.modelName("meta-llama/Llama-3.1-8B-Instruct"));
        assertEquals("qwen2.5-coder-7b-instruct", NodeLabels.modelName("Qwen/Qwen2.5-Coder-7B-Instruct"));
        assertEquals("minicpm-v-2_6", NodeLabels.modelName("openbmb/MiniCPM-V-2_6"));
        assertEquals("my-model-q4", NodeLabels.modelName("org/--My Model (Q4)!"));
        String longKey = "org/" + "a-very-long-model-name-".repeat(5) + "instruct";
        String a = NodeLabels.modelName(longKey);
        String b = NodeLabels.modelName(longKey + "-v2");
        assertTrue(a.length() <= 59 && b.length() <= 59, a + " " + b);
        assertFalse(a.equals(b), "a hash keeps cut names apart");
        assertEquals(Optional.empty(), LabelSyntax.nameProblem(a + ".fit"));
        assertTrue(NodeLabels.modelName("org/---").startsWith("model-"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeLabels.modelNames(List.of("a/Model-7B", "b/model-7b")));
        assertTrue(e.getMessage().contains("'a/Model-7B' and 'b/model-7b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeLabels.modelNames(List.of(" ")));
    }

    @Test
    void theDefaultModelListIsTwentyCatalogLlms() throws Exception {
        List<String> keys = defaultModels();
        assertEquals(20, keys.size());
        assertEquals(20, NodeLabels.modelNames(keys).size(), "no two share a label name");
        for (String k : keys) {
            Optional<ModelSpec> m = CATALOG.models().stream().filter(s -> s.key().equals(k)).findFirst();
            assertTrue(m.isPresent(), k + " is in the bundled catalog");
            assertEquals(ModelType.LLM, m.get().type(), k);
        }
    }

    @Test
    void syntaxRulesRejectWhatKubernetesRejects() {
        assertEquals(Optional.empty(), LabelSyntax.lineProblem("fitd.dev/a=b"));
        assertEquals(Optional.empty(), LabelSyntax.lineProblem("fitd.dev/a="), "an empty value is valid");
        assertEquals(Optional.empty(), LabelSyntax.lineProblem("# comment"));
        assertEquals(Optional.empty(), LabelSyntax.lineProblem("feature.node.kubernetes.io/x=1"));
        assertTrue(LabelSyntax.lineProblem("fitd.dev/" + "a".repeat(64) + "=1").isPresent(), "name over 63");
        assertEquals(Optional.empty(), LabelSyntax.lineProblem("fitd.dev/" + "a".repeat(63) + "=1"));
        assertTrue(LabelSyntax.lineProblem("fitd.dev/a=" + "v".repeat(64)).isPresent(), "value over 63");
        assertTrue(LabelSyntax.lineProblem("fitd.dev/-a=1").isPresent(), "name starts with '-'");
        assertTrue(LabelSyntax.lineProblem("fitd.dev/a.=1").isPresent(), "name ends with '.'");
        assertTrue(LabelSyntax.lineProblem("fitd.dev/a=_b").isPresent(), "value starts with '_'");
        assertTrue(LabelSyntax.lineProblem("fitd.dev/a=b c").isPresent(), "space in value");
        assertTrue(LabelSyntax.lineProblem("fitd.dev/a b=c").isPresent(), "space in name");
        assertTrue(LabelSyntax.lineProblem("fitd.dev/a").isPresent(), "fitd always writes a value");
        assertTrue(LabelSyntax.lineProblem("a=b").isPresent(), "fitd always writes a prefix");
        assertTrue(LabelSyntax.lineProblem("Fitd.dev/a=b").isPresent(), "prefix is lower case");
        assertTrue(LabelSyntax.lineProblem("x/y/a=b").isPresent(), "one '/'");
        assertTrue(LabelSyntax.prefixProblem("kubernetes.io").isPresent());
        assertTrue(LabelSyntax.prefixProblem("node.k8s.io").isPresent());
        assertTrue(LabelSyntax.prefixProblem("a..b").isPresent());
        assertTrue(LabelSyntax.prefixProblem("a".repeat(254)).isPresent());
        assertThrows(IllegalArgumentException.class, () -> NodeLabels.lines("Bad_Prefix", profile("profile.rtx4090.example.json"),
                Map.of(), List.of()));
    }

    /**
     * The Deployment example's required nodeAffinity, evaluated as the kube-scheduler does (all
     * expressions of the term must hold; In: the label's value is listed; Gt: the label is an integer
     * above the value) against the labels fitd writes for three kinds of node: the pod may land only
     * where its model fits at good or better.
     */
    @Test
    void theDeploymentExampleLandsOnlyWhereItsModelFitsGoodOrBetter() throws Exception {
        String yaml = java.nio.file.Files.readString(Path.of("config/kubernetes/deployment-fit.example.yaml"));
        String required = yaml.substring(yaml.indexOf("requiredDuringScheduling"), yaml.indexOf("preferredDuringScheduling"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "- key: (\\S+)\\s+operator: (\\S+)\\s+values: \\[([^\\]]*)]").matcher(required);
        List<String[]> expressions = new ArrayList<>();
        while (m.find()) {
            expressions.add(new String[] {m.group(1), m.group(2), m.group(3).replace("\"", "").replace(" ", "")});
        }
        assertEquals(2, expressions.size(), required);
        String key = "meta-llama/Llama-3.1-8B-Instruct";
        Map<String, Boolean> lands = new LinkedHashMap<>();
        Map<String, HardwareSnapshot> nodes = new LinkedHashMap<>();
        nodes.put("rtx4090", profile("profile.rtx4090.example.json"));
        nodes.put("gtx1650-4gb", json("{\"total_ram_gb\": 16, \"available_ram_gb\": 10, \"cpu_cores\": 6,"
                + " \"gpus\": [{\"name\": \"NVIDIA GeForce GTX 1650\", \"vram_gb\": 4, \"count\": 1}]}"));
        nodes.put("cpu-only", json("{\"total_ram_gb\": 32, \"available_ram_gb\": 24, \"cpu_cores\": 8, \"gpus\": []}"));
        for (Map.Entry<String, HardwareSnapshot> node : nodes.entrySet()) {
            List<FitResult> graded = grade(node.getValue(), List.of(key));
            Map<String, String> labels = new LinkedHashMap<>();
            for (String line : NodeLabels.lines("fitd.dev", node.getValue(), NodeLabels.modelNames(List.of(key)), graded)) {
                labels.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            boolean all = true;
            for (String[] e : expressions) {
                String v = labels.get(e[0]);
                boolean ok = switch (e[1]) {
                    case "In" -> v != null && Arrays.asList(e[2].split(",")).contains(v);
                    case "Gt" -> v != null && Long.parseLong(v) > Long.parseLong(e[2]);
                    default -> throw new AssertionError("operator " + e[1]);
                };
                all &= ok;
            }
            boolean goodOrBetter = graded.get(0).level().atLeast(dev.fitd.fit.FitLevel.GOOD);
            assertTrue(!all || goodOrBetter, node.getKey() + " matched without fitting good or better: " + labels);
            lands.put(node.getKey() + " (" + labels.get("fitd.dev/llama-3.1-8b-instruct.fit") + ", tps "
                    + labels.get("fitd.dev/llama-3.1-8b-instruct.tps") + ")", all);
        }
        System.out.println("deployment-fit.example.yaml lands on: " + lands);
        assertEquals(List.of(true, false, false), List.copyOf(lands.values()), lands.toString());
    }
}
