package dev.fitd.estimate;

import java.util.Locale;

/**
 * Where a model's weights live when it runs.
 * <ul>
 * <li>{@code GPU}: everything on one GPU;</li>
 * <li>{@code MULTI_GPU}: layers split over several GPUs;</li>
 * <li>{@code UNIFIED}: on a GPU that shares system memory (Apple silicon), within its usable share;</li>
 * <li>{@code PARTIAL_OFFLOAD}: some layers on GPU, the rest in system RAM;</li>
 * <li>{@code MOE_OFFLOAD}: MoE expert tensors in system RAM, everything else on GPU;</li>
 * <li>{@code CPU_ONLY}: everything in system RAM;</li>
 * <li>{@code NONE}: it does not fit anywhere.</li>
 * </ul>
 */
public enum RunMode {
    GPU, MULTI_GPU, UNIFIED, PARTIAL_OFFLOAD, MOE_OFFLOAD, CPU_ONLY, NONE;

    public String wire() { return name().toLowerCase(Locale.ROOT); }
}
