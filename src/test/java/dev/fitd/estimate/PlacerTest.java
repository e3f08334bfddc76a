package dev.fitd.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fitd.catalog.CatalogLoader;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.hardware.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The placement shortcuts agree with the full plans they stand for: {@link Placer#gpuSideFits} (used by the
 * binary searches over offloaded and expert layers) against {@code onGpus(...).gpuSideFits()}, on every
 * bundled model at random quants, contexts, GPU sets and splits; and every device of a plan holds exactly
 * what the model needs, once.
 */
class PlacerTest {
    private static final long GIB = 1L << 30;
    private static List<ModelSpec> models;

    @BeforeAll
    static void catalog() {
        models = new CatalogLoader().load(List.of()).models();
    }

    @Test
    void gpuSideFitsAgreesWithTheFullPlan() {
        Random r = new Random(20261122);
        QuantType[] quants = QuantType.ladder(InferenceRuntime.LLAMACPP).toArray(QuantType[]::new);
        Backend[] backends = {Backend.CUDA, Backend.ROCM, Backend.VULKAN, Backend.METAL};
        int checked = 0;
        int fitting = 0;
        for (int round = 0; round < 4; round++) {
            for (ModelSpec m : models) {
                Placer.Load load = load(m, quants[r.nextInt(quants.length)], 1 + r.nextInt(Math.min(65536, m.maxContextLength())));
                Placer placer = new Placer(load);
                int n = load.layers();
                List<Placer.Pool> gpus = new ArrayList<>();
                int count = r.nextInt(5);
                for (int g = 0; g < count; g++) {
                    long cap = (long) ((0.5 + r.nextDouble() * 90) * GIB);
                    gpus.add(new Placer.Pool("gpu" + g, g, backends[r.nextInt(backends.length)], cap,
                            cap - r.nextInt(1 << 30), 500, null));
                }
                Placer.Machine machine = new Placer.Machine(List.copyOf(gpus),
                        new Placer.Pool("system RAM", -1, Backend.CPU, 64 * GIB, 60 * GIB, 80, null), false);
                for (int t = 0; t < 6; t++) {
                    int k = r.nextInt(n + 1);
                    int ncmoe = r.nextBoolean() ? 0 : r.nextInt(n + 1);
                    boolean plan = placer.onGpus(machine, machine.gpus(), k, ncmoe, RunMode.PARTIAL_OFFLOAD).gpuSideFits();
                    assertEquals(plan, placer.gpuSideFits(machine.gpus(), k, ncmoe),
                            () -> m.key() + " k=" + k + " ncmoe=" + ncmoe + " gpus=" + gpus);
                    checked++;
                    fitting += plan ? 1 : 0;
                }
            }
        }
        // Both answers must be exercised, or the comparison proves little.
        assertTrue(fitting > checked / 10 && fitting < checked * 9 / 10, fitting + " of " + checked + " fit");
    }

    @Test
    void devicesHoldEveryWeightOnceAcrossASplitVisionModel() {
        ModelSpec vlm = models.stream().filter(m -> m.visionParams() > 0 && m.arch().layers() >= 32)
                .findFirst().orElseThrow();
        Placer.Load load = load(vlm, QuantType.Q8_0, 8192);
        Placer placer = new Placer(load);
        WeightBytes w = load.w();
        // Two GPUs too small to hold everything alone: the first takes what fits, the second the rest.
        long half = (w.residentBytes() - w.tokenEmbd()) * 6 / 10;
        List<Placer.Pool> gpus = List.of(new Placer.Pool("a", 0, Backend.CUDA, half + GIB, half + GIB, 900, null),
                new Placer.Pool("b", 1, Backend.CUDA, half + GIB, half + GIB, 900, null));
        Placer.Machine machine = new Placer.Machine(gpus,
                new Placer.Pool("system RAM", -1, Backend.CPU, 128 * GIB, 120 * GIB, 80, null), false);
        Placer.Plan plan = placer.onGpus(machine, gpus, load.layers(), 0, RunMode.MULTI_GPU);
        long weights = plan.devices().stream().mapToLong(DeviceUse::weightsBytes).sum();
        assertEquals(w.residentBytes(), weights, "every weight byte on exactly one device");
        DeviceUse first = plan.devices().get(0);
        long expectedOverhead = Overheads.runtimeContextBytes(Backend.CUDA) + Overheads.visionRuntimeBytes(w.vision())
                + placer.compute(false);
        assertEquals(expectedOverhead, first.overheadBytes(), "the projector counts as weights, not again as overhead");
        assertTrue(first.layers() > 0 && first.layers() < load.layers(), "split: " + first.layers());
    }

    private static Placer.Load load(ModelSpec m, QuantType q, int context) {
        ModelSizing sizing = new ModelSizing(m, 512);
        ModelSizing.Sized w = sizing.weights(q, false);
        long[] kv = Placer.prefixSums(sizing.kv(KvCacheType.F16).layerBytes(context, 1));
        return new Placer.Load(w.bytes(), w.layerPrefix(), w.expertPrefix(), kv, sizing.shape,
                KvCache.paddedCells(context), 512, KvCacheType.F16, 1);
    }
}
