package dev.fitd.estimate;

import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.CatalogLoader;
import dev.fitd.catalog.LayerKind;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.hardware.Backend;
import dev.fitd.hardware.Cpu;
import dev.fitd.hardware.CpuMemorySpec;
import dev.fitd.hardware.DeviceSpec;
import dev.fitd.hardware.DeviceTable;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.Memory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of {@code calibration/llamacpp-bench.tsv} (a copy of {@code shared/calibration}), each turned
 * into what the estimator needs to predict it: the model's architecture (from the row's label and hint),
 * the device as the probe would describe it (bandwidth and FP16 throughput from {@link DeviceTable}), the
 * thread count the poster used, and the KV depth of the test.
 */
final class CalibrationData {
    static final double GIB = 1L << 30;

    /** Why a row is not used to fit or judge the decode roofline, or null when it is. */
    enum Kind { DENSE_DECODE, MOE_DECODE, PREFILL }

    record Row(int line, String device, String backendLabel, Backend backend, String model, String hint, String quant,
               Double sizeGib, String test, double measuredTps, String date, Kind kind, ModelSpec spec,
               String modelNote, HardwareSnapshot hardware, int depth, int promptTokens, String excluded,
               String file, boolean oldBuild, boolean firstGen) {

        /** Device as the report shows it. */
        String label() { return device; }
    }

    private static final Pattern THREADS = Pattern.compile("(\\d+) threads");
    private static final Pattern TG = Pattern.compile("tg(\\d+)");
    private static final Pattern PP = Pattern.compile("pp(\\d+)");

    private CalibrationData() { }

    static final String BENCH = "llamacpp-bench.tsv";
    static final String SCOREBOARD = "llamacpp-scoreboard-half.tsv";
    private static final Pattern YEAR_MONTH = Pattern.compile("(20\\d\\d)-(\\d\\d)");

    /** Both calibration files: the PR/issue table, then the scoreboard half. */
    static List<Row> load() {
        List<Row> rows = new ArrayList<>(loadBench());
        rows.addAll(loadScoreboard());
        return rows;
    }

    /**
     * Whether a row was measured on a llama.cpp build older than its backend's last big decode rework, so that
     * it spent more time per token outside the weight reads and read them less efficiently than today's builds:
     * CUDA without CUDA graphs (see {@link #cudaGraphs}), Vulkan before 2025-06 (the 2025 series of Vulkan decode work:
     * operator fusion, graph reordering, new mat-vec kernels), Metal, ROCm and CPU before 2024 (Metal's
     * mat-vec kernels of mid/late 2023). {@code date} is the build's or post's month; for a range
     * ({@code 2024-12..2026}) without a build date, its end.
     */
    static boolean oldBuild(String date, Backend backend, String device) {
        int month = month(date);
        if (month < 0 || backend == null) {
            return false;
        }
        if (backend == Backend.CUDA) {
            return !cudaGraphs(month, device);
        }
        int cutoff = switch (backend) {
            case VULKAN -> 2025 * 12 + 5;
            default -> 2024 * 12;
        };
        return month < cutoff;
    }

    /**
     * Whether a CUDA build of {@code month} ran batch-1 decode as one CUDA graph on {@code device} (one launch per
     * token instead of one per op). Graphs came with PR #6766 (April 2024); the April 2024 rows of that PR and of
     * issue #6763 are its patched figures (see the calibration README), so builds before 2024-04 have none. Since
     * then ggml enables them only
     * on Ampere and newer ({@code cc < GGML_CUDA_CC_AMPERE → disable_due_to_gpu_arch} in ggml-cuda.cu); PR #25749
     * (opened 2026-07-16) extended them to Volta and Turing, and Pascal and older still run without them (PR
     * #27721, which would enable them there, is open). The architecture is told from the device name: the
     * calibration files hold Tesla P40 (Pascal) and Tesla V100 (Volta) rows.
     */
    static boolean cudaGraphs(int month, String device) {
        if (month < 2024 * 12 + 3) {
            return false;
        }
        String d = device == null ? "" : device.toLowerCase(java.util.Locale.ROOT);
        boolean pascalOrOlder = Throughput.pascalOrOlder(d);
        boolean voltaOrTuring = d.matches(".*\\b(v100s?|gv100|titan v|t4|rtx 20\\d0|gtx 16\\d0|titan rtx|quadro rtx)\\b.*");
        if (pascalOrOlder) {
            return false;
        }
        return !voltaOrTuring || month >= 2026 * 12 + 7;
    }

    /**
     * Whether a GPU row was measured on a first-generation mat-vec build, before the kernels that still shape
     * today's decode: Metal before 2023-08 (the July 2023 builds, while the mat-vec kernels were being rewritten
     * one quant at a time — PRs #2188 and #2212 for Q4_0/Q4_1 on 2023-07-12/13, #2290 for Q4_K on 2023-07-20 — and
     * before the concurrent command dispatch of PR #2358, opened 2023-07-24; the August 2023 M2 Ultra rows of
     * PR #2763 already reach today's share), CUDA before 2023-11 (PR #3776, "cuda : improve text-generation and batched decoding
     * performance", late October 2023). These builds read the weights at a smaller share of bandwidth — a
     * different cause from the per-layer overhead of {@link #oldBuild}, which lasted until CUDA graphs and the
     * 2024 Metal work. No other backend has rows that old.
     */
    static boolean firstGen(String date, Backend backend) {
        int month = month(date);
        if (month < 0 || backend == null) {
            return false;
        }
        return switch (backend) {
            case METAL -> month < 2023 * 12 + 7;
            case CUDA -> month < 2023 * 12 + 10;
            default -> false;
        };
    }

    /**
     * Whether a Metal MoE row was measured before llama.cpp PR #4725 ("metal : optimize ggml_mul_mat_id (faster
     * Mixtral PP)", opened 2024-01-01 and merged in the first days of January 2024), which added the mat-mat
     * {@code MUL_MAT_ID} kernel that gathers each expert's rows; before it Metal multiplied every prompt token's experts
     * on their own (PR #4406, December 2023: "efficient for BS=1, but not so much for BS>1"). The calibration's
     * December 2023 Mixtral rows (PR #4406's thread) are such builds. No other backend has MoE rows that old.
     */
    static boolean preBatchedMoe(String date) {
        int month = month(date);
        return month >= 0 && month < 2024 * 12;
    }

    /** Months since year 0 of the last {@code yyyy-mm} in {@code date} (or December of its last year); −1 if none. */
    private static int month(String date) {
        Matcher m = YEAR_MONTH.matcher(date == null ? "" : date);
        int month = -1;
        while (m.find()) {
            month = Integer.parseInt(m.group(1)) * 12 + Integer.parseInt(m.group(2)) - 1;
        }
        if (month < 0) {
            Matcher y = Pattern.compile("(20\\d\\d)").matcher(date == null ? "" : date);
            while (y.find()) {
                month = Integer.parseInt(y.group(1)) * 12 + 11;
            }
        }
        return month;
    }

    /** The device a row was measured on as fitd knows it: the device (or CPU) table row its name resolves to. */
    static String deviceKey(Row r) {
        if (r.backend() == Backend.CPU) {
            return DeviceTable.lookupCpu(r.device()).map(CpuMemorySpec::name).orElse(r.device());
        }
        return DeviceTable.lookup(r.device()).map(DeviceSpec::name).orElse(r.device());
    }

    static List<Row> loadBench() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = CalibrationData.class.getResourceAsStream("/calibration/" + BENCH);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (!header.startsWith("device\tdevice_count\tbackend")) {
                throw new IllegalStateException("unexpected header: " + header);
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    rows.add(row(n, line.split("\t", -1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Row row(int line, String[] f) {
        String device = f[0];
        String backendLabel = f[2];
        String model = f[3];
        String hint = f[4];
        String quant = f[5];
        Double size = f[6].isBlank() ? null : Double.valueOf(f[6]);
        String test = f[9];
        double tps = Double.parseDouble(f[10]);
        String date = f.length > 12 ? f[12] : "";
        boolean moe = hint.contains("MoE") || model.contains("MoE");
        Matcher pp = PP.matcher(test);
        boolean prefill = pp.find() && !test.equals("pp1");
        Kind kind = prefill ? Kind.PREFILL : moe ? Kind.MOE_DECODE : Kind.DENSE_DECODE;
        ModelChoice mc = model(model, hint, size);
        Backend backend = backend(backendLabel);
        String excluded = backend == null
                ? "the " + backendLabel + " (CLBlast) backend was removed from llama.cpp in 2024; fitd does not model it"
                : null;
        Matcher th = THREADS.matcher(hint);
        int threads = th.find() ? Integer.parseInt(th.group(1)) : 8;
        HardwareSnapshot hw = backend == null ? null : hardware(device, backend, threads);
        int depth;
        int prompt = 0;
        Matcher tg = TG.matcher(test);
        if (prefill) {
            prompt = Integer.parseInt(pp.group(1));
            depth = 0;
        } else if (test.equals("pp1")) {
            depth = 0;
        } else if (tg.find()) {
            depth = Integer.parseInt(tg.group(1)) / 2;
        } else {
            depth = 64; // ./main eval rate over ~128 generated tokens
        }
        return new Row(line, device, backendLabel, backend, model, hint, quant, size, test, tps, date, kind, mc.spec,
                mc.note, hw, depth, prompt, excluded, BENCH, oldBuild(date, backend, device),
                firstGen(date, backend));
    }

    /**
     * The rows of {@code llamacpp-scoreboard-half.tsv}: a decode row per line ({@code tg_tps}), and a prefill
     * row when {@code pp_tps} and its test are given. The model is the catalog entry {@code catalog_key}
     * names; CPU rows take the memory bandwidth the row states ({@code spec_bw_gbps}: the poster's memory
     * configuration, which the CPU table cannot know) and the thread count printed.
     */
    static List<Row> loadScoreboard() {
        Catalog catalog = new CatalogLoader().load(List.of());
        List<Row> rows = new ArrayList<>();
        try (InputStream in = CalibrationData.class.getResourceAsStream("/calibration/" + SCOREBOARD);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            List<String> cols = List.of(header.split("\t", -1));
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                java.util.function.Function<String, String> c = k -> f[cols.indexOf(k)].trim();
                String device = c.apply("device");
                String backendLabel = c.apply("backend");
                Backend backend = backend(backendLabel);
                String quant = c.apply("quant").split(" ")[0];
                ModelSpec spec = catalog.find(c.apply("catalog_key"))
                        .orElseThrow(() -> new IllegalStateException("not in the catalog: " + c.apply("catalog_key")));
                Double size = c.apply("size_gib").isEmpty() ? null : Double.valueOf(c.apply("size_gib"));
                String build = c.apply("build");
                String date = c.apply("date");
                String when = YEAR_MONTH.matcher(build).find() ? build : date;
                boolean old = oldBuild(when, backend, device);
                boolean firstGen = firstGen(when, backend);
                int threads = c.apply("cpu_threads").isEmpty() ? 8 : Integer.parseInt(c.apply("cpu_threads"));
                Double cpuBw = c.apply("spec_bw_gbps").isEmpty() ? null : Double.valueOf(c.apply("spec_bw_gbps"));
                String excluded = backend == Backend.CPU && cpuBw == null
                        ? "the post does not state the memory bandwidth (spec_bw_gbps blank)" : null;
                HardwareSnapshot hw = excluded != null ? null : backend == Backend.CPU
                        ? cpuHardware(cpuBw, threads) : hardware(device, backend, threads);
                String test = c.apply("test");
                Matcher tg = TG.matcher(test);
                int depth = tg.find() ? Integer.parseInt(tg.group(1)) / 2 : 64;
                String note = c.apply("model").equals(spec.key()) ? null : "row model: " + c.apply("model");
                rows.add(new Row(n, device, backendLabel, backend, c.apply("model"), c.apply("notes"), quant, size, test,
                        Double.parseDouble(c.apply("tg_tps")), date, spec.isMoe() ? Kind.MOE_DECODE : Kind.DENSE_DECODE,
                        spec, null, hw, depth, 0, excluded, SCOREBOARD, old, firstGen));
                Matcher pp = PP.matcher(c.apply("pp_test"));
                if (!c.apply("pp_tps").isEmpty() && pp.find()) {
                    rows.add(new Row(n, device, backendLabel, backend, c.apply("model"), c.apply("notes"), quant, size,
                            c.apply("pp_test"), Double.parseDouble(c.apply("pp_tps")), date, Kind.PREFILL, spec, null, hw,
                            0, Integer.parseInt(pp.group(1)), excluded, SCOREBOARD, old, firstGen));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static Backend backend(String label) {
        return switch (label) {
            case "CUDA" -> Backend.CUDA;
            case "ROCm" -> Backend.ROCM;
            case "Vulkan" -> Backend.VULKAN;
            case "Metal" -> Backend.METAL;
            case "CPU" -> Backend.CPU;
            default -> null;
        };
    }

    private static HardwareSnapshot cpuHardware(double bandwidthGbps, int threads) {
        long big = 1L << 40;
        Cpu cpu = new Cpu("calibration host", threads, threads, threads, "x86_64");
        return new HardwareSnapshot(1, Instant.EPOCH, "calibration", "test", cpu,
                new Memory(big, big, null, bandwidthGbps), List.of(), Map.of(), List.of());
    }

    private record ModelChoice(ModelSpec spec, String note) { }

    /** The architecture behind a row's llama-bench label and hint. */
    private static ModelChoice model(String model, String hint, Double size) {
        String m = model.toLowerCase(Locale.ROOT);
        String h = hint.toLowerCase(Locale.ROOT);
        if (h.contains("mixtral")) {
            return new ModelChoice(TestModels.mixtral(), null);
        }
        if (m.contains("gpt-oss 20b")) {
            return new ModelChoice(TestModels.gptOss20b(), null);
        }
        if (m.contains("gpt-oss 120b")) {
            return new ModelChoice(TestModels.gptOss120b(), null);
        }
        if (m.contains("qwen3moe")) {
            return new ModelChoice(TestModels.qwen3_30b_a3b(), null);
        }
        if (m.contains("qwen3 32b")) {
            return new ModelChoice(TestModels.qwen3_32b(), null);
        }
        if (m.contains("qwen2 3b")) {
            boolean separateHead = size != null && size > 1.8;
            return new ModelChoice(TestModels.qwen25_3b(separateHead),
                    separateHead ? "this GGUF stores a separate output head (llama-bench: 3.40 B params)" : null);
        }
        if (m.contains("qwen2 7b")) {
            return new ModelChoice(TestModels.qwen25_7b(), null);
        }
        if (m.contains("gemma3 4b")) {
            return new ModelChoice(gemma3_4bText(), "QAT file keeps the embedding at Q8_0 (2.35 GiB); the standard mix gives Q6_K");
        }
        if (m.contains("gemma2 27b")) {
            return new ModelChoice(TestModels.gemma2_27b(),
                    "this file keeps embedding and head in F16 (24.30 GiB); the standard Q6_K mix is smaller");
        }
        if (m.contains("phi2")) {
            return new ModelChoice(TestModels.phi2(), null);
        }
        if (m.contains("llama 1b")) {
            return new ModelChoice(TestModels.tinyLlama(), null);
        }
        if (m.contains("llama 8b")) {
            return new ModelChoice(TestModels.llama3_8b(), null);
        }
        if (m.contains("13b")) {
            return new ModelChoice(TestModels.llama_13b(), null);
        }
        if (m.contains("33b")) {
            return new ModelChoice(TestModels.llama_33b(), null);
        }
        if (m.contains("llama 3b")) {
            return new ModelChoice(TestModels.llama32_3b(),
                    "assumed Llama-3.2-3B (the post names only 'llama 3B', Nov 2024)");
        }
        if (h.contains("mistral-7b-instruct-v0.3")) {
            return new ModelChoice(TestModels.mistral7bV3(), null);
        }
        if (h.contains("mistral")) {
            return new ModelChoice(TestModels.mistral7b(), null);
        }
        if (m.contains("7b")) {
            return new ModelChoice(TestModels.llama2_7b(), null);
        }
        throw new IllegalStateException("no architecture for row: " + model + " / " + hint);
    }

    /** Gemma-3-4B as llama-bench loads it: the text model without the vision projector. */
    static ModelSpec gemma3_4bText() {
        return TestModels.model("google/gemma-3-4b-it").params(3_880_263_168L)
                .dims(34, 2560, 10240, 8, 4, 256, 262208, true)
                .pattern(1024, LayerKind.SLIDING, LayerKind.SLIDING, LayerKind.SLIDING, LayerKind.SLIDING,
                        LayerKind.SLIDING, LayerKind.FULL).build();
    }

    /**
     * The machine of a row as the probe would describe it: one device with the table's bandwidth and FP16
     * throughput and memory large enough for the measured placement (all layers on the GPU; CPU rows: no GPU);
     * the CPU with the thread count the poster used.
     */
    private static HardwareSnapshot hardware(String device, Backend backend, int threads) {
        long big = 1L << 40;
        Cpu cpu = new Cpu("calibration host", threads, threads, threads, "x86_64");
        if (backend == Backend.CPU) {
            CpuMemorySpec c = DeviceTable.lookupCpu(device)
                    .orElseThrow(() -> new IllegalStateException("CPU not in the device table: " + device));
            return new HardwareSnapshot(1, Instant.EPOCH, "calibration", "test", cpu,
                    new Memory(big, big, null, c.memoryBandwidthGbps()), List.of(), Map.of(), List.of());
        }
        DeviceSpec d = DeviceTable.lookup(device)
                .orElseThrow(() -> new IllegalStateException("device not in the device table: " + device));
        Gpu gpu = new Gpu(0, null, d.name(), d.vendor(), backend, big, big, d.unifiedMemory(), d.memoryBandwidthGbps(),
                d.fp16Tflops(), null, null, "calibration");
        return new HardwareSnapshot(1, Instant.EPOCH, "calibration", "test", cpu, new Memory(big, big, null, 100),
                List.of(gpu), Map.of(), List.of());
    }

    /** The request that reproduces the row: its quant, llama.cpp, a context that holds the test. */
    static EstimateRequest request(Row r) {
        return new EstimateRequest(Math.max(512, r.promptTokens() + 2 * r.depth() + 256), r.quant(), null,
                InferenceRuntime.LLAMACPP, 1);
    }
}
