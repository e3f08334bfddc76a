package dev.fitd.estimate;

import java.util.ArrayList;
import java.util.List;

/** Layers over the GPUs: the balanced split, the greedy fill in device order, and its memory check alone. */
final class GpuFill {
    private final Placer.Load load;
    private final LayerCosts costs;

    GpuFill(Placer.Load load, LayerCosts costs) {
        this.load = load;
        this.costs = costs;
    }

    /**
     * Every layer on every GPU, split in proportion to what each GPU has left after its fixed buffers — the
     * way llama.cpp's default {@code --tensor-split} (proportional to free memory) spreads them — so no GPU
     * is fuller than the others. Null when the layers do not fit in the sum of those budgets.
     */
    Placer.Plan balanced(Placer.Machine m, List<Placer.Pool> gpus) {
        int n = load.layers();
        WeightBytes w = load.w();
        int count = gpus.size();
        double[] budget = new double[count];
        double total = 0;
        for (int g = 0; g < count; g++) {
            Placer.Pool p = gpus.get(g);
            long vision = g == 0 ? w.vision() + Overheads.visionRuntimeBytes(w.vision()) : 0;
            long fixed = Overheads.runtimeContextBytes(p.backend()) + vision
                    + (g == count - 1 ? costs.compute(true) + w.output() : costs.compute(false));
            budget[g] = Math.max(0, p.usable() - fixed);
            total += budget[g];
        }
        long need = costs.rangeBytes(0, n);
        if (need > total) {
            return null;
        }
        int[] start = new int[count];
        int[] end = new int[count];
        List<DeviceUse> devices = new ArrayList<>(count + 1);
        int next = 0;
        double cumulative = 0;
        for (int g = 0; g < count; g++) {
            Placer.Pool p = gpus.get(g);
            cumulative += budget[g];
            double target = need * cumulative / total;
            int take = next;
            while (take < n && (g == count - 1 || costs.rangeBytes(0, take + 1) <= target + 0.5 * costs.rangeBytes(take, take + 1))) {
                take++;
            }
            start[g] = next;
            end[g] = take;
            boolean last = g == count - 1;
            long vision = g == 0 ? w.vision() : 0;
            long over = Overheads.runtimeContextBytes(p.backend()) + Overheads.visionRuntimeBytes(vision) + costs.compute(last);
            devices.add(costs.gpuUse(p, next, take, 0, last ? w.output() : 0, vision, over));
            next = take;
        }
        boolean gpuFits = true;
        for (DeviceUse d : devices) {
            gpuFits &= d.fits();
        }
        DeviceUse ram = costs.ramUse(m.ram(), 0, 0, true, true, false);
        devices.add(ram);
        return new Placer.Plan(RunMode.MULTI_GPU, gpuFits && ram.fits(), gpuFits, List.copyOf(devices), gpus, start, end, 0, 0,
                true);
    }

    /**
     * The last {@code k} layers on {@code gpus}, filled greedily in device order (each GPU takes as many
     * layers as fit; the GPU that takes the last layer also takes the output head when {@code k} is every
     * layer), the routed experts of the first {@code ncmoe} layers and everything else in RAM.
     */
    Placer.Plan onGpus(Placer.Machine m, List<Placer.Pool> gpus, int k, int ncmoe, RunMode mode) {
        int n = load.layers();
        WeightBytes w = load.w();
        boolean outputOnGpu = k == n;
        int from = n - k;
        int[] start = new int[gpus.size()];
        int[] end = new int[gpus.size()];
        List<DeviceUse> devices = new ArrayList<>(gpus.size() + 1);
        boolean allPlaced = true;
        int next = from;
        for (int g = 0; g < gpus.size(); g++) {
            Placer.Pool pool = gpus.get(g);
            long base = Overheads.runtimeContextBytes(pool.backend());
            long vision = g == 0 ? w.vision() : 0;
            long visionRuntime = Overheads.visionRuntimeBytes(vision);
            long lastCompute = costs.compute(outputOnGpu);
            long outputBytes = outputOnGpu ? w.output() : 0;
            long rest = costs.cost(next, n, ncmoe);
            start[g] = next;
            boolean last = g == gpus.size() - 1;
            if (next < n && (last || base + vision + visionRuntime + lastCompute + outputBytes + rest <= pool.usable())) {
                end[g] = n;
                devices.add(costs.gpuUse(pool, next, n, ncmoe, outputBytes, vision, base + visionRuntime + lastCompute));
                next = n;
                if (base + vision + visionRuntime + lastCompute + outputBytes + rest > pool.usable()) {
                    allPlaced = false;
                }
                continue;
            }
            if (next >= n) {
                end[g] = next;
                continue;
            }
            long over = base + vision + visionRuntime + costs.compute(false);
            int take = costs.mostLayersWithin(next, n, ncmoe, pool.usable() - over);
            end[g] = take;
            if (take > next || vision > 0) {   // the projector's weights are in the budget, not in the overhead
                devices.add(costs.gpuUse(pool, next, take, ncmoe, 0, vision, over - vision));
            }
            next = take;
        }
        if (gpus.isEmpty() && k > 0) {
            allPlaced = false;
        }
        boolean gpuFits = allPlaced;
        for (DeviceUse d : devices) {
            gpuFits &= d.fits();
        }
        DeviceUse ram = costs.ramUse(m.ram(), from, ncmoe, outputOnGpu, !gpus.isEmpty() && k > 0, false);
        devices.add(ram);
        return new Placer.Plan(mode, gpuFits && ram.fits(), gpuFits, List.copyOf(devices), gpus, start, end, from,
                Math.min(Math.max(ncmoe, 0), n), outputOnGpu);
    }

    /**
     * {@code onGpus(m, gpus, k, ncmoe, mode).gpuSideFits()} without building the plan: the binary searches over
     * offloaded layers and expert layers ask it several times per placement. Follows {@link #onGpus} step by
     * step ({@code PlacerTest} checks that the two agree).
     */
    boolean gpuSideFits(List<Placer.Pool> gpus, int k, int ncmoe) {
        int n = load.layers();
        WeightBytes w = load.w();
        if (gpus.isEmpty()) {
            return k <= 0;
        }
        boolean outputOnGpu = k == n;
        int next = n - k;
        for (int g = 0; g < gpus.size(); g++) {
            if (next >= n) {
                return true;
            }
            Placer.Pool pool = gpus.get(g);
            long base = Overheads.runtimeContextBytes(pool.backend());
            long vision = g == 0 ? w.vision() : 0;
            long visionRuntime = Overheads.visionRuntimeBytes(vision);
            boolean last = g == gpus.size() - 1;
            long whole = base + vision + visionRuntime + costs.compute(outputOnGpu) + (outputOnGpu ? w.output() : 0)
                    + costs.cost(next, n, ncmoe);
            if (last || whole <= pool.usable()) {
                return whole <= pool.usable();   // this GPU takes every remaining layer (and the head)
            }
            long over = base + vision + visionRuntime + costs.compute(false);
            int take = costs.mostLayersWithin(next, n, ncmoe, pool.usable() - over);
            if ((take > next || vision > 0) && over + costs.cost(next, take, ncmoe) > pool.usable()) {
                return false;
            }
            next = take;
        }
        return true;
    }
}
