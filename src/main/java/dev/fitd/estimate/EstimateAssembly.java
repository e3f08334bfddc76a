package dev.fitd.estimate;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.hardware.Backend;
import java.util.ArrayList;
import java.util.List;

/** An evaluated quant turned into the estimate: memory per device, speed from the roofline, basis, notes. */
final class EstimateAssembly {
    private final EstimatorSettings settings;

    EstimateAssembly(EstimatorSettings settings) {
        this.settings = settings;
    }

    ModelEstimate build(ModelSpec model, EstimateRun run, QuantEval e, int usable, int depth, List<String> notes) {
        Placer.Plan plan = e.plan;
        WeightBytes w = e.weights;
        long weights = 0;
        long kv = 0;
        long over = 0;
        long available = 0;
        boolean ramCounts = switch (plan.mode()) {
            case GPU, MULTI_GPU, UNIFIED -> false;
            default -> true;
        };
        for (DeviceUse d : plan.devices()) {
            weights += d.weightsBytes();
            kv += d.kvCacheBytes();
            over += d.overheadBytes();
            if (d.gpuIndex() >= 0 || ramCounts) {
                available += d.capacityBytes();
            }
        }
        boolean fits = plan.fits() && !e.mlxOffApple;
        if (!fits) {
            available = run.mv.machine.ram().capacity();
            for (Placer.Pool p : run.mv.machine.gpus()) {
                available += p.capacity();
            }
        }
        EstimateNotes.describe(model, run, e, usable, notes);
        Double decode = null;
        Double prefill = null;
        EstimateBasis basis = null;
        String verify = null;
        if (fits) {
            List<Throughput.Place> places = places(run, e, depth);
            CalibrationConstants c = settings.calibration();
            boolean lowBit = e.quant.isLowBit();
            double seconds = Throughput.decodeSecondsPerToken(places, lowBit, c);
            decode = 1 / seconds;
            prefill = Throughput.prefillTokensPerSecond(places, Throughput.tokensPerExpert(model, settings.ubatch()), lowBit, c);
            basis = basis(places, lowBit, c, depth, run);
            verify = run.runtime == InferenceRuntime.MLX
                    ? VerifyCommand.mlxGenerate(model, e.quant)
                    : VerifyCommand.llamaBench(model, e.quant, plan, depth, run.kvType, run.mv.threads,
                    run.mv.machine.gpus().size());
        }
        double bits = 8.0 * e.fileBytes / Math.max(1, run.sizing.totalParams + model.visionParams());
        RunMode mode = fits ? plan.mode() : RunMode.NONE;
        return new ModelEstimate(e.quant.wire(), run.runtime,
                new ModelEstimate.Size(bits, e.fileBytes, run.kv.bytesPerContextToken(run.slots)),
                new MemoryBreakdown(weights, kv, over),
                new ModelEstimate.Placement(mode, fits, fits ? plan.gpuLayers() : 0, fits ? plan.cpuLayers() : 0,
                        fits ? plan.cpuMoeLayers() : 0, available, plan.devices()),
                new ModelEstimate.Speed(decode, prefill, basis, verify), new ModelEstimate.Context(e.context, usable),
                notes);
    }

    /** The places weights are read from per token, with their bytes, for {@link Throughput}. */
    static List<Throughput.Place> places(EstimateRun run, QuantEval e, int depth) {
        Placer.Plan plan = e.plan;
        WeightBytes w = e.weights;
        int n = run.counts.layers;
        double activeParams = run.sizing.activeParamsExcludingEmbedding;
        double flopsPerByte = 2 * activeParams / Math.max(1, e.activeBytes);
        List<Throughput.Place> places = new ArrayList<>(plan.gpus().size() + 1);
        int splitGpus = 0;
        for (int g = 0; g < plan.gpuStart().length; g++) {
            splitGpus += plan.gpuEnd()[g] > plan.gpuStart()[g] ? 1 : 0;
        }
        for (int g = 0; g < plan.gpuStart().length; g++) {
            Placer.Pool p = plan.gpus().get(g);
            double bytes = 0;
            double kvBytes = 0;
            double experts = 0;
            for (int i = plan.gpuStart()[g]; i < plan.gpuEnd()[g]; i++) {
                experts += i >= plan.cpuMoeLayers() ? w.activeExpert()[i] : 0;
                bytes += w.layer()[i];
                kvBytes += run.kv.layerReadBytes(i, depth);
            }
            bytes += experts;
            if (plan.outputOnGpu() && plan.gpuEnd()[g] == n && plan.gpuEnd()[g] > plan.gpuStart()[g]) {
                bytes += w.output();
            }
            int layers = plan.gpuEnd()[g] - plan.gpuStart()[g];
            if (layers > 0) {
                places.add(new Throughput.Place(p.name(), p.backend(),
                        DeviceClass.of(p.name(), plan.mode() == RunMode.UNIFIED, run.mv.apple), p.bandwidthGbps(),
                        bytes + kvBytes, layers, 0, bytes * flopsPerByte, p.tflops(), splitGpus > 1, experts,
                        splitGpus > 1 ? 4.0 * run.model.arch().hiddenSize() : 0, p.cudaGraphs()));
            }
        }
        double cpuBytes = 0;
        double cpuKv = 0;
        double cpuExperts = 0;
        for (int i = 0; i < plan.cpuLayers(); i++) {
            cpuBytes += w.layer()[i];
            cpuKv += run.kv.layerReadBytes(i, depth);
        }
        for (int i = 0; i < Math.max(plan.cpuLayers(), Math.min(plan.cpuMoeLayers(), n)); i++) {
            cpuExperts += w.activeExpert()[i];
        }
        cpuBytes += cpuExperts;
        if (!plan.outputOnGpu()) {
            cpuBytes += w.output();
        }
        int cpuComputeLayers = Math.max(plan.cpuLayers(), plan.cpuMoeLayers());
        if (cpuBytes > 0) {
            places.add(new Throughput.Place("CPU", Backend.CPU, DeviceClass.CPU, run.mv.ramBandwidthGbps, cpuBytes + cpuKv,
                    cpuComputeLayers, run.mv.threads, cpuBytes * flopsPerByte, null, false, cpuExperts, 0, true));
        }
        return places;
    }

    private static EstimateBasis basis(List<Throughput.Place> places, boolean lowBit, CalibrationConstants c, int depth,
                                       EstimateRun run) {
        List<Double> bws = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        List<Double> effs = new ArrayList<>();
        long total = 0;
        double mainEff = 0;
        double mainBytes = -1;
        boolean cpu = false;
        for (Throughput.Place p : places) {
            double eff = Throughput.effectiveBandwidth(p, lowBit, c) / (p.bandwidthGbps() * 1e9);
            bws.add(p.bandwidthGbps());
            names.add(p.name());
            bytes.add((long) p.bytesPerToken());
            effs.add(Math.round(eff * 1000) / 1000.0);
            total += (long) p.bytesPerToken();
            cpu |= p.backend() == Backend.CPU;
            if (p.bytesPerToken() > mainBytes) {
                mainBytes = p.bytesPerToken();
                mainEff = eff;
            }
        }
        double overheadMs = Throughput.overheadSeconds(places, c) * 1000;
        return new EstimateBasis("bandwidth-roofline", bws, Math.round(mainEff * 1000) / 1000.0,
                Math.round(overheadMs * 100) / 100.0, depth, total, names, bytes, effs, cpu ? run.mv.threads : 0);
    }
}
