package dev.fitd.fit;

import static dev.fitd.fit.HardwarePlanner.GIB;
import static dev.fitd.fit.HardwarePlanner.gib;
import static dev.fitd.fit.HardwarePlanner.gpuResident;
import static dev.fitd.fit.HardwarePlanner.reaches;
import static dev.fitd.fit.HardwarePlanner.round1;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.estimate.ModelEstimate;
import dev.fitd.fit.HardwarePlanner.Option;
import dev.fitd.fit.HardwarePlanner.Request;
import dev.fitd.hardware.DeviceSpec;
import dev.fitd.hardware.DeviceTable;
import dev.fitd.hardware.GpuVendor;
import dev.fitd.hardware.HardwareDerivation;
import dev.fitd.hardware.HardwareOverrides;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan's {@code hardware_options}: the search over the {@link DeviceTable} for the smallest
 * configuration of each device (GPU count, or memory size of a unified-memory chip) that runs the model
 * GPU-resident at the target speed. Each candidate is a hypothetical machine derived from the current one
 * with {@link HardwareDerivation} and graded by the real {@link FitEvaluator}.
 */
final class PlanOptions {

    /** GPU counts tried for each discrete GPU: one card, and the usual 2-, 4- and 8-way boxes. */
    static final List<Integer> GPU_COUNTS = List.of(1, 2, 4, 8);

    /**
     * Memory sizes tried for unified-memory chips, GiB: the configurations Apple (8–512), NVIDIA DGX Spark (128),
     * AMD Strix Halo (32–128) and Jetson (8–64) machines are sold with. A chip is not offered in every size; the
     * answer gives the smallest size that works, and the buyer checks that the chip comes with it.
     */
    static final List<Integer> UNIFIED_MEMORY_GIB = List.of(8, 16, 18, 24, 32, 36, 48, 64, 96, 128, 192, 256, 512);

    /**
     * Memory configurations (GiB) each unified-memory chip is sold with, by the start of its table name; from the
     * makers' technical-specification pages (Apple MacBook / Mac mini / Mac Studio specs per chip generation, the
     * GPU-core variant where it decides the memory; NVIDIA DGX Spark; AMD Ryzen AI Max systems). A chip not listed
     * here (Jetson modules, whose name carries the size, and MI300A) is tried at every size of
     * {@link #UNIFIED_MEMORY_GIB}. The first matching prefix wins, so a GPU-core variant comes before its family.
     */
    static final List<Map.Entry<String, List<Integer>>> CHIP_MEMORY_GIB = List.of(
            Map.entry("Apple M1 Ultra", List.of(64, 128)),
            Map.entry("Apple M1 Max", List.of(32, 64)),
            Map.entry("Apple M1 Pro", List.of(16, 32)),
            Map.entry("Apple M1", List.of(8, 16)),
            Map.entry("Apple M2 Ultra", List.of(64, 128, 192)),
            Map.entry("Apple M2 Max", List.of(32, 64, 96)),
            Map.entry("Apple M2 Pro", List.of(16, 32)),
            Map.entry("Apple M2", List.of(8, 16, 24)),
            Map.entry("Apple M3 Ultra", List.of(96, 256, 512)),
            Map.entry("Apple M3 Max (30-core GPU)", List.of(36, 96)),
            Map.entry("Apple M3 Max", List.of(48, 64, 128)),
            Map.entry("Apple M3 Pro", List.of(18, 36)),
            Map.entry("Apple M3", List.of(8, 16, 24)),
            Map.entry("Apple M4 Max (32-core GPU)", List.of(36)),
            Map.entry("Apple M4 Max", List.of(48, 64, 128)),
            Map.entry("Apple M4 Pro", List.of(24, 48, 64)),
            Map.entry("Apple M4", List.of(16, 24, 32)),
            Map.entry("Apple M5 Max (32-core GPU)", List.of(36)),
            Map.entry("Apple M5 Max", List.of(48, 64, 128)),
            Map.entry("Apple M5 Pro", List.of(24, 48, 64)),
            Map.entry("Apple M5", List.of(16, 24, 32)),
            Map.entry("GB10", List.of(128)),
            Map.entry("Ryzen AI Max", List.of(32, 64, 128)));

    /** The memory sizes {@code d} is sold with, smallest first: {@link #CHIP_MEMORY_GIB}, else every size tried. */
    static List<Integer> memorySizes(DeviceSpec d) {
        for (Map.Entry<String, List<Integer>> e : CHIP_MEMORY_GIB) {
            if (d.name().startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return UNIFIED_MEMORY_GIB;
    }

    private final FitEvaluator evaluator;
    private final FitThresholds thresholds;

    PlanOptions(FitEvaluator evaluator, FitThresholds thresholds) {
        this.evaluator = evaluator;
        this.thresholds = thresholds;
    }

    /**
     * Every configuration of the device table that runs {@code model} GPU-resident, graded at least
     * marginal, at or above the target: discrete GPUs first, then by memory, then fastest first.
     *
     * @param hostBytes system RAM the GPU placement itself uses; with {@code fileBytes} it sizes the RAM
     *                  of each hypothetical machine so RAM never decides the answer
     */
    List<Option> reaching(ModelSpec model, HardwareSnapshot current, Request req, EstimateRequest auto,
                          EstimateRequest atPlanQuant, long hostBytes, long fileBytes) {
        List<Option> out = new ArrayList<>();
        double ramGib = Math.max(current.memory().totalBytes() / GIB,
                Math.ceil(Math.max(hostBytes, fileBytes) / GIB / thresholds.perfectMaxUtilization()));
        for (DeviceSpec d : DeviceTable.devices()) {
            if (!DeviceTable.lookup(d.name()).map(d::equals).orElse(false)) {
                continue;   // the name does not resolve back to this row: a what-if could not name it
            }
            if (d.unifiedMemory()) {
                unifiedOption(model, current, req, auto, atPlanQuant, d).ifPresent(out::add);
            } else if (d.vramGib() != null) {
                for (int count : GPU_COUNTS) {
                    HardwareSnapshot hw = HardwareDerivation.apply(current,
                            new HardwareOverrides(ramGib, null, null, d.name(), count));
                    Optional<Option> o = tryOn(model, hw, req, auto, atPlanQuant, d, "gpu", count, null);
                    if (o.isPresent()) {
                        out.add(o.get());
                        break;
                    }
                }
            }
        }
        out.sort(Comparator.comparing((Option o) -> !o.kind().equals("gpu"))
                .thenComparingDouble(o -> o.memoryGb() != null ? o.memoryGb() : o.totalVramGb())
                .thenComparing(Comparator.comparingDouble(Option::estimatedTps).reversed())
                .thenComparing(Option::name));
        return List.copyOf(out);
    }

    private Optional<Option> unifiedOption(ModelSpec model, HardwareSnapshot current, Request req, EstimateRequest auto,
                                           EstimateRequest atPlanQuant, DeviceSpec d) {
        String kind = d.vendor() == GpuVendor.APPLE ? "apple" : "unified";
        // Speed depends on the chip's bandwidth, not on its memory size: the largest size decides whether any reaches.
        List<Integer> sizes = memorySizes(d);
        int largest = sizes.get(sizes.size() - 1);
        HardwareSnapshot big = HardwareDerivation.apply(current, new HardwareOverrides((double) largest, null, null, d.name(), 1));
        if (tryOn(model, big, req, auto, atPlanQuant, d, kind, 1, (double) largest).isEmpty()) {
            return Optional.empty();
        }
        for (int size : sizes) {
            HardwareSnapshot hw = HardwareDerivation.apply(current, new HardwareOverrides((double) size, null, null, d.name(), 1));
            Optional<Option> o = tryOn(model, hw, req, auto, atPlanQuant, d, kind, 1, (double) size);
            if (o.isPresent()) {
                return o;
            }
        }
        return Optional.empty();
    }

    private Optional<Option> tryOn(ModelSpec model, HardwareSnapshot hw, Request req, EstimateRequest auto,
                                   EstimateRequest atPlanQuant, DeviceSpec d, String kind, int count, Double memoryGb) {
        FitResult r = evaluator.evaluate(model, hw, auto);
        if (!accepts(r, req) && req.quant() == null) {
            r = evaluator.evaluate(model, hw, atPlanQuant);
        }
        if (!accepts(r, req)) {
            return Optional.empty();
        }
        long each = hw.gpus().get(0).vramTotalBytes() == null ? 0 : hw.gpus().get(0).vramTotalBytes();
        ModelEstimate e = r.estimate();
        return Optional.of(new Option(kind, d.name(), count, gib(each), gib(each * (long) count), memoryGb,
                d.memoryBandwidthGbps(), e.quant(), e.runMode().wire(), r.level().wire(), round1(e.decodeTps())));
    }

    private static boolean accepts(FitResult r, Request req) {
        ModelEstimate e = r.estimate();
        return e.fits() && r.level() != FitLevel.TOO_TIGHT && gpuResident(e.runMode()) && e.decodeTps() != null
                && reaches(e.decodeTps(), req.targetTps());
    }
}
