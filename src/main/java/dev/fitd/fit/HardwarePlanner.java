package dev.fitd.fit;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.DeviceUse;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.estimate.RunMode;
import dev.fitd.hardware.DeviceSpec;
import dev.fitd.hardware.DeviceTable;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareOverrides;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers "what hardware does this model need at this context (and speed)": the plan behind
 * {@code POST /api/v1/plan}. Pure: every figure comes from the real estimator ({@link FitEvaluator}) run on
 * hypothetical machines derived from the current one with {@link HardwareDerivation} (the same derivation the
 * {@code gpu=}/{@code gpu_count=}/{@code ram_gb=} what-ifs use), over the rows of the {@link DeviceTable}.
 * Nothing is looked up from a list of answers.
 *
 * <h2>What is computed</h2>
 * <ul>
 *   <li><b>Reference requirement.</b> The model at the plan quantization ({@link Request#quant()}, else
 *       {@value #DEFAULT_PLAN_QUANT}) and the context is placed on a {@linkplain #REFERENCE_GIB reference
 *       machine} large enough that nothing spills: its GPU-resident memory is the minimum VRAM; the system RAM
 *       that placement itself uses (embedding table, host buffers) is the GPU path's minimum RAM.</li>
 *   <li><b>Recommended</b> = minimum ÷ the perfect-fit utilization of {@link FitThresholds} (0.80 by default):
 *       the size at which fitd grades the placement perfect on memory. For RAM, at least the weight files'
 *       size as well, so llama.cpp's memory-mapped weights stay in the page cache.</li>
 *   <li><b>CPU only</b>: the same on a reference machine without GPU and with this machine's CPU and RAM
 *       bandwidth; its speed is this machine's CPU speed.</li>
 *   <li><b>CPU offload</b>: this machine's discrete GPUs with reference-sized RAM; infeasible without one.</li>
 *   <li><b>Options</b>: every discrete GPU of the table with a fixed memory size, in counts of
 *       {@link PlanOptions#GPU_COUNTS}, and every unified-memory chip (Apple M-series, DGX Spark, Strix Halo, Jetson) at the
 *       memory sizes of {@link PlanOptions#UNIFIED_MEMORY_GIB}; the smallest count (or memory) at which the model runs
 *       GPU-resident, graded at least marginal, and at or above the target tokens/s. The estimator picks the best
 *       quantization that fits unless one was asked for; if that misses the target, the plan quantization is
 *       tried too.</li>
 * </ul>
 */
public final class HardwarePlanner {

    /**
     * Quantization of the reference requirement when none is asked for: Q4_K_M, the file most GGUF repositories
     * publish as their default and the quantization llmfit's catalog lists for most models.
     */
    public static final String DEFAULT_PLAN_QUANT = "Q4_K_M";

    /** RAM and VRAM of the reference machine, GiB: far above any catalogued model, so nothing spills. */
    static final double REFERENCE_GIB = 4096;

    /** The reference machine's GPU (its speed is not used, only the placement's memory). */
    static final String REFERENCE_GPU = "NVIDIA H100 SXM5 80GB";

    /** The memory sizes {@code d} is sold with, smallest first ({@link PlanOptions#memorySizes}). */
    public static List<Integer> memorySizes(DeviceSpec d) {
        return PlanOptions.memorySizes(d);
    }

    static final double GIB = 1L << 30;

    private final FitEvaluator evaluator;
    private final FitThresholds thresholds;
    private final PlanOptions options;

    public HardwarePlanner(FitEvaluator evaluator, FitThresholds thresholds) {
        this.evaluator = evaluator;
        this.thresholds = thresholds;
        this.options = new PlanOptions(evaluator, thresholds);
    }

    /**
     * A plan request, already validated.
     *
     * @param context context tokens to size the KV cache for
     * @param quant quantization asked for (canonical name), or null
     * @param kvCacheType KV cache element type (fitd's name: {@code f16}, {@code q8_0}, ...), or null for f16
     * @param targetTps decode tokens/s to reach, or null
     */
    public record Request(int context, String quant, String kvCacheType, Double targetTps) { }

    /** Memory, GiB, and CPU cores (null: fitd's speed model does not depend on core count). */
    public record Need(Double vramGb, double ramGb, Integer cpuCores) { }

    /** One of llmfit's run paths ({@code gpu}, {@code cpu_offload}, {@code cpu_only}). */
    public record PathPlan(String path, boolean feasible, Need minimum, Need recommended, Double estimatedTps,
                           String fitLevel, List<String> notes) { }

    /** How the model runs on this machine (after any what-if). */
    public record Current(String fitLevel, String runMode, Double estimatedTps) { }

    /** An upgrade of this machine and what it reaches. */
    public record Upgrade(String resource, Double addGb, Integer addCores, String targetFit, String path,
                          String description) { }

    /** The memory at another KV cache type. */
    public record KvAlternative(String kvQuant, double memoryRequiredGb, double kvCacheGb, double savingsFraction,
                                String note, boolean supported) { }

    /**
     * A device configuration that runs the model GPU-resident at the target.
     *
     * @param kind {@code gpu} (discrete), {@code apple} or {@code unified} (other shared-memory chips)
     * @param count number of identical GPUs
     * @param vramGb memory per GPU; for unified chips the share of memory the GPU may use
     * @param totalVramGb {@code count × vramGb}
     * @param memoryGb unified chips: the machine's memory size; null for discrete GPUs
     */
    public record Option(String kind, String name, int count, double vramGb, double totalVramGb, Double memoryGb,
                         double memoryBandwidthGbps, String quant, String runMode, String fitLevel,
                         double estimatedTps) { }

    /** The whole answer. */
    public record Plan(ModelSpec model, int context, String quantization, String kvCacheType, Double targetTps,
                       Need minimum, Need recommended, List<PathPlan> runPaths, Current current,
                       List<Upgrade> upgradeDeltas, List<KvAlternative> kvAlternatives, List<Option> options,
                       List<String> notes) { }

    /**
     * @param current this machine (with the request's what-ifs applied)
     */
    public Plan plan(ModelSpec model, HardwareSnapshot current, Request req) {
        String planQuant = req.quant() != null ? req.quant() : DEFAULT_PLAN_QUANT;
        EstimateRequest atPlanQuant = new EstimateRequest(req.context(), planQuant, req.kvCacheType(), null, null);
        EstimateRequest auto = new EstimateRequest(req.context(), req.quant(), req.kvCacheType(), null, null);

        HardwareSnapshot refGpu = HardwareDerivation.apply(current,
                new HardwareOverrides(REFERENCE_GIB, REFERENCE_GIB, null, REFERENCE_GPU, 1));
        ModelEstimate gpuRef = evaluator.evaluate(model, refGpu, atPlanQuant).estimate();
        long gpuBytes = gpuBytes(gpuRef);
        long hostBytes = ramBytes(gpuRef);
        Need gpuMin = new Need(gib(gpuBytes), gib(hostBytes), null);
        Need gpuRec = new Need(gib(gpuBytes / thresholds.perfectMaxUtilization()),
                gib(Math.max(hostBytes / thresholds.perfectMaxUtilization(), gpuRef.fileBytes())), null);

        List<Option> options = this.options.reaching(model, current, req, auto, atPlanQuant, hostBytes, gpuRef.fileBytes());
        List<String> gpuNotes = new ArrayList<>();
        gpuNotes.add("minimum VRAM: the model at " + planQuant + " and " + req.context()
                + " tokens of context held entirely in GPU memory; recommended: the size at which that is at most "
                + pct(thresholds.perfectMaxUtilization()) + " full (a perfect fit)");
        gpuNotes.add(options.isEmpty() ? "no GPU or unified-memory chip in fitd's device table reaches "
                + (req.targetTps() == null ? "a GPU-resident fit" : req.targetTps() + " tokens/s") + " (up to "
                + PlanOptions.GPU_COUNTS.get(PlanOptions.GPU_COUNTS.size() - 1) + " GPUs of a kind, "
                + PlanOptions.UNIFIED_MEMORY_GIB.get(PlanOptions.UNIFIED_MEMORY_GIB.size() - 1)
                + " GiB of unified memory)" : options.size() + " GPU or chip configurations reach it: see hardware_options");

        FitResult here = evaluator.evaluate(model, current, auto);
        ModelEstimate e = here.estimate();
        boolean gpuResidentHere = gpuResident(e.runMode()) && here.level() != FitLevel.TOO_TIGHT;
        PathPlan gpuPath = new PathPlan("gpu", !options.isEmpty(), gpuMin, gpuRec,
                gpuResidentHere ? e.decodeTps() : null, gpuResidentHere ? here.level().wire() : null, gpuNotes);

        PathPlan offloadPath = offloadPath(model, current, req, auto, e, here);

        HardwareSnapshot refCpu = HardwareDerivation.apply(current,
                new HardwareOverrides(REFERENCE_GIB, null, null, "none", null));
        ModelEstimate cpuRef = evaluator.evaluate(model, refCpu, atPlanQuant).estimate();
        long cpuBytes = cpuRef.memory().totalBytes();
        boolean cpuFast = cpuRef.decodeTps() != null && reaches(cpuRef.decodeTps(), req.targetTps());
        List<String> cpuNotes = new ArrayList<>();
        cpuNotes.add("speed at this machine's system RAM bandwidth (" + Math.round(current.memory().bandwidthGbps())
                + " GB/s); minimum RAM holds the whole model at " + planQuant);
        if (!cpuFast && cpuRef.decodeTps() != null) {
            cpuNotes.add("below the target: " + round1(cpuRef.decodeTps()) + " tokens/s");
        }
        boolean cpuOnlyHere = e.runMode() == RunMode.CPU_ONLY && here.level() != FitLevel.TOO_TIGHT;
        PathPlan cpuPath = new PathPlan("cpu_only", cpuFast,
                new Need(null, gib(cpuBytes), null),
                new Need(null, gib(cpuBytes / thresholds.perfectMaxUtilization()), null),
                cpuRef.decodeTps() == null ? null : round1(cpuRef.decodeTps()),
                cpuOnlyHere ? here.level().wire() : null, cpuNotes);

        List<PathPlan> paths = List.of(gpuPath, offloadPath, cpuPath);
        PathPlan preferred = paths.stream().filter(PathPlan::feasible).findFirst().orElse(gpuPath);

        Current cur = new Current(here.level().wire(), e.runMode().wire(),
                e.decodeTps() == null ? null : round1(e.decodeTps()));
        List<Upgrade> upgrades = upgrades(current, gpuBytes, preferred);
        List<KvAlternative> kv = kvAlternatives(model, refGpu, req.context(), planQuant);
        List<String> notes = new ArrayList<>();
        notes.add("estimates from fitd's memory and bandwidth model over its device table; not a benchmark");
        if (req.quant() == null) {
            notes.add("no quant asked for: minimum and recommended are for " + DEFAULT_PLAN_QUANT
                    + "; each hardware option uses the best quantization that fits it");
        }
        return new Plan(model, req.context(), planQuant, req.kvCacheType() == null ? "f16" : req.kvCacheType(),
                req.targetTps(), preferred.minimum(), preferred.recommended(), paths, cur, upgrades, kv, options,
                List.copyOf(notes));
    }

    private PathPlan offloadPath(ModelSpec model, HardwareSnapshot current, Request req, EstimateRequest auto,
                                 ModelEstimate hereEstimate, FitResult here) {
        boolean discrete = !current.gpus().isEmpty() && current.gpus().stream().noneMatch(g -> g.unifiedMemory())
                && current.gpus().get(0).vramTotalBytes() != null;
        if (!discrete) {
            return new PathPlan("cpu_offload", false, null, null, null, null,
                    List.of(current.gpus().isEmpty() ? "this machine has no GPU to offload to"
                            : "CPU offload does not apply to unified memory, or this GPU's memory is unknown"));
        }
        HardwareSnapshot bigRam = HardwareDerivation.apply(current,
                new HardwareOverrides(REFERENCE_GIB, null, null, null, null));
        ModelEstimate off = evaluator.evaluate(model, bigRam, auto).estimate();
        long vram = 0;
        for (var g : current.gpus()) {
            vram += g.vramTotalBytes() == null ? 0 : g.vramTotalBytes();
        }
        long ram = ramBytes(off);
        boolean fast = off.decodeTps() != null && reaches(off.decodeTps(), req.targetTps());
        boolean offloadHere = (hereEstimate.runMode() == RunMode.PARTIAL_OFFLOAD || hereEstimate.runMode() == RunMode.MOE_OFFLOAD)
                && here.level() != FitLevel.TOO_TIGHT;
        List<String> notes = new ArrayList<>();
        notes.add("this machine's " + current.gpus().size() + " GPU(s) with enough system RAM for the rest; run mode "
                + off.runMode().wire() + " at " + off.quant());
        if (!fast && off.decodeTps() != null) {
            notes.add("below the target: " + round1(off.decodeTps()) + " tokens/s");
        }
        return new PathPlan("cpu_offload", fast && off.fits(), new Need(gib(vram), gib(ram), null),
                new Need(gib(vram), gib(Math.max(ram / thresholds.perfectMaxUtilization(), off.fileBytes())), null),
                off.decodeTps() == null ? null : round1(off.decodeTps()), offloadHere ? here.level().wire() : null,
                List.copyOf(notes));
    }

    static boolean gpuResident(RunMode m) {
        return m == RunMode.GPU || m == RunMode.MULTI_GPU || m == RunMode.UNIFIED;
    }

    static boolean reaches(double tps, Double target) {
        return target == null || tps >= target;
    }

    private List<Upgrade> upgrades(HardwareSnapshot current, long gpuBytes, PathPlan preferred) {
        List<Upgrade> out = new ArrayList<>();
        long have = 0;
        for (var g : current.gpus()) {
            have += g.vramTotalBytes() == null ? 0 : g.vramTotalBytes();
        }
        double good = gpuBytes / thresholds.goodMaxUtilization() - have;
        double perfect = gpuBytes / thresholds.perfectMaxUtilization() - have;
        if (good > 0) {
            out.add(new Upgrade("vram_gb", gib(good), null, FitLevel.GOOD.wire(), "gpu",
                    "+" + gib(good) + " GB VRAM -> Good"));
        }
        if (perfect > 0) {
            out.add(new Upgrade("vram_gb", gib(perfect), null, FitLevel.PERFECT.wire(), "gpu",
                    "+" + gib(perfect) + " GB VRAM -> Perfect"));
        }
        double availRam = current.memory().availableBytes() / GIB;
        if (preferred.minimum() != null && preferred.minimum().ramGb() > availRam) {
            double add = Math.round((preferred.minimum().ramGb() - availRam) * 100) / 100.0;
            out.add(new Upgrade("ram_gb", add, null, FitLevel.MARGINAL.wire(), preferred.path(),
                    "+" + add + " GB RAM -> Runnable"));
        }
        return List.copyOf(out);
    }

    /** The KV cache types llama.cpp offers ({@code --cache-type-k/-v}) in llmfit's names, with fitd's type. */
    private static final List<String[]> KV_TYPES = List.of(
            new String[] {"fp16", "f16"}, new String[] {"q8_0", "q8_0"}, new String[] {"q4_0", "q4_0"});

    private List<KvAlternative> kvAlternatives(ModelSpec model, HardwareSnapshot refGpu, int context, String quant) {
        List<KvAlternative> out = new ArrayList<>();
        long baselineKv = -1;
        for (String[] t : KV_TYPES) {
            ModelEstimate e = evaluator.evaluate(model, refGpu, new EstimateRequest(context, quant, t[1], null, null)).estimate();
            long kv = e.memory().kvCacheBytes();
            if (baselineKv < 0) {
                baselineKv = kv;
            }
            double savings = baselineKv <= 0 ? 0 : Math.round((1.0 - (double) kv / baselineKv) * 1000) / 1000.0;
            out.add(new KvAlternative(t[0], gib(e.memory().totalBytes()), gib(kv), savings,
                    t[1].equals("f16") ? null : "llama.cpp --cache-type-k " + t[1] + " --cache-type-v " + t[1]
                            + " (a quantized V cache needs flash attention)", true));
        }
        return List.copyOf(out);
    }

    private static long gpuBytes(ModelEstimate e) {
        long b = 0;
        for (DeviceUse d : e.devices()) {
            if (d.gpuIndex() >= 0) {
                b += d.totalBytes();
            }
        }
        return e.devices().isEmpty() ? e.memory().totalBytes() : b;
    }

    private static long ramBytes(ModelEstimate e) {
        long b = 0;
        for (DeviceUse d : e.devices()) {
            if (d.gpuIndex() < 0) {
                b += d.totalBytes();
            }
        }
        return b;
    }

    static double gib(double bytes) {
        return Math.round(bytes / GIB * 100) / 100.0;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String pct(double f) {
        return Math.round(f * 100) + " %";
    }
}
