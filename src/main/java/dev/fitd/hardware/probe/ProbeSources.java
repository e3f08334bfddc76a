package dev.fitd.hardware.probe;

import dev.fitd.hardware.CgroupLimits;
import dev.fitd.hardware.GpuSource;
import dev.fitd.hardware.HostSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything {@link SystemHardwareProbe} asks, in the order it asks. Tests pass fakes; production code
 * gets the real ones from {@link HardwareProbes#system}.
 *
 * @param hosts CPU/RAM sources, best first; per value the first that knows it wins
 * @param cgroups reads the container limits (never null; returns "no limits" outside Linux)
 * @param gpus GPU sources, in priority order; a later source skips vendors an earlier one reported
 * @param lastResortGpus asked only when no GPU source found or kept a GPU and none failed (OSHI); may be null
 * @param env the environment ({@code CUDA_VISIBLE_DEVICES}, {@code NVIDIA_VISIBLE_DEVICES})
 * @param nodeName host name for the snapshot
 * @param os operating system name and version for the snapshot
 */
record ProbeSources(
        List<HostSource> hosts,
        Supplier<CgroupLimits> cgroups,
        List<GpuSource> gpus,
        GpuSource lastResortGpus,
        Map<String, String> env,
        String nodeName,
        String os) {

    public ProbeSources {
        hosts = List.copyOf(hosts);
        gpus = List.copyOf(gpus);
        env = Map.copyOf(env);
        Objects.requireNonNull(cgroups, "cgroups");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(os, "os");
    }
}
