package dev.fitd.estimate;

import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The estimate of an installed model of which only the weight bytes are known (no catalog entry, no GGUF
 * metadata: no architecture, so no KV cache, buffers or speed can be computed). Where those bytes alone would
 * go follows the placement ladder of {@link Placer}, best first: GPU memory (one GPU, a layer split over
 * several, or the unified share), then GPUs and system RAM together (partial offload), then system RAM alone
 * (CPU only). GPU memory is the GPUs' usable VRAM as probed ({@link Gpu#usableVramBytes()}), RAM the available
 * memory. The memory is a lower bound and says so in the notes.
 */
public final class WeightsOnlyEstimate {
    private WeightsOnlyEstimate() { }

    /**
     * @param quant the installed quantization label, as the runtime reports it
     * @param bitsPerWeight its bits per weight, null when unknown (0 in the estimate)
     * @param format the installed format ({@code mlx} loads in MLX, anything else in llama.cpp)
     * @param forced the runtime the request forces, or null; when it cannot load the installed weights (MLX and
     *        a GGUF file, llama.cpp and an MLX folder) the estimate is that runtime's and does not fit: nothing
     *        is known to size a build it could load
     * @param contextTokens the model's maximum context when the runtime reports one, else null (0)
     * @param weightsBytes the installed weight bytes
     * @param notes the runtime's own remarks on the model, kept first
     */
    public static ModelEstimate of(String quant, Double bitsPerWeight, String format, InferenceRuntime forced,
                                   Integer contextTokens, long weightsBytes, HardwareSnapshot hardware,
                                   List<String> notes) {
        InferenceRuntime installed = "mlx".equalsIgnoreCase(format) ? InferenceRuntime.MLX : InferenceRuntime.LLAMACPP;
        boolean loadable = forced == null || forced == installed;
        long vram = 0;
        for (Gpu g : hardware.gpus()) {
            Long usable = g.usableVramBytes();
            vram += usable == null ? 0 : usable;
        }
        long ram = hardware.memory().availableBytes();
        RunMode mode;
        long available;
        if (vram > 0 && weightsBytes <= vram) {
            mode = hardware.unifiedMemory() ? RunMode.UNIFIED : hardware.gpus().size() > 1 ? RunMode.MULTI_GPU : RunMode.GPU;
            available = vram;
        } else if (vram > 0 && weightsBytes <= vram + ram) {
            mode = RunMode.PARTIAL_OFFLOAD;
            available = vram + ram;
        } else if (weightsBytes <= ram) {
            mode = RunMode.CPU_ONLY;
            available = ram;
        } else {
            mode = RunMode.NONE;
            available = Math.max(vram, ram);
        }
        if (!loadable) {
            mode = RunMode.NONE;
        }
        List<String> all = new ArrayList<>(notes);
        if (!loadable) {
            all.add("installed for " + installed.wire() + ", which " + forced.wire() + " cannot load; without "
                    + "an architecture no " + forced.wire() + " build can be sized");
        }
        all.add("no architecture is known for this installed model (no catalog entry, no GGUF metadata): "
                + "memory is the installed weights only, a lower bound without KV cache and overhead; speed unknown");
        return new ModelEstimate(quant, loadable ? installed : forced,
                new ModelEstimate.Size(bitsPerWeight == null ? 0 : bitsPerWeight, weightsBytes, 0),
                new MemoryBreakdown(weightsBytes, 0, 0), ModelEstimate.Placement.withoutDevices(mode, available),
                ModelEstimate.Speed.UNKNOWN, new ModelEstimate.Context(contextTokens == null ? 0 : contextTokens, 0), all);
    }
}
