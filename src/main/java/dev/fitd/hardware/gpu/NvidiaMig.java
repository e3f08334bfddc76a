package dev.fitd.hardware.gpu;

import dev.fitd.hardware.Gpu;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MIG (Multi-Instance GPU) slices from {@code nvidia-smi -L}:
 * <pre>
 * GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-...)
 *   MIG 3g.40gb     Device  0: (UUID: MIG-...)
 *   MIG 1g.10gb     Device  1: (UUID: MIG-...)
 * </pre>
 * When a GPU has MIG enabled, CUDA programs see its slices, not the GPU, so the probe lists the slices.
 *
 * <p>Slice memory: the listing gives only the profile name ({@code 3g.40gb}), whose size is rounded up
 * (on an A100-40GB, {@code 1g.5gb} has 4864 MiB, {@code 3g.20gb} 19968 MiB; on an H100-80GB {@code 1g.10gb}
 * has 9856 MiB). The probe takes 95 % of the named GiB, which is at or below each of those. Slice bandwidth:
 * the slice's share of the GPU's memory (memory slices carry their share of the memory controllers).
 */
final class NvidiaMig {

    /** Named profile sizes are rounded up by at most ~5 % (see class comment). */
    static final double PROFILE_SIZE_FACTOR = 0.95;

    /** MIG splits compute into 7 slices on A100, H100 and H200 (A30: 4, rare; treated alike): FP16 share = g / 7. */
    static final int COMPUTE_SLICES = 7;

    private static final Pattern GPU = Pattern.compile("^GPU\\s+(\\d+):\\s+(.+?)\\s+\\(UUID:\\s*(GPU-[^)\\s]+)\\)\\s*$");
    private static final Pattern MIG = Pattern.compile(
            "^\\s*MIG\\s+(\\d+g\\.(\\d+)gb(?:\\+me)?)\\s+Device\\s+(\\d+):\\s+\\(UUID:\\s*(MIG-[^)\\s]+)\\)\\s*$");

    private NvidiaMig() { }

    /** A MIG slice: profile such as {@code 3g.40gb}, its named size in GB, the device number and UUID. */
    public record Slice(String profile, int namedGb, int device, String uuid) {
        /** The {@code N} of {@code Ng.XXgb}: how many of the GPU's seven compute slices it has. */
        public int computeSlices() {
            return Integer.parseInt(profile.substring(0, profile.indexOf('g')));
        }
    }

    /** A physical GPU line and the MIG slices listed under it. */
    public record Parent(int index, String name, String uuid, List<Slice> slices) {
        public Parent {
            slices = List.copyOf(slices);
        }
    }

    /** Every GPU in the listing; lines that are neither a GPU nor a MIG device are ignored. */
    public record Listing(List<Parent> gpus) {
        public Listing {
            gpus = List.copyOf(gpus);
        }

        public boolean hasSlices() {
            return gpus.stream().anyMatch(g -> !g.slices().isEmpty());
        }
    }

    public static Listing parse(List<String> lines) {
        List<Parent> parents = new ArrayList<>();
        Integer index = null;
        String name = null;
        String uuid = null;
        List<Slice> slices = new ArrayList<>();
        for (String line : lines) {
            Matcher g = GPU.matcher(line.strip());
            Matcher m = MIG.matcher(line);
            if (g.matches()) {
                if (index != null) {
                    parents.add(new Parent(index, name, uuid, slices));
                }
                index = Integer.valueOf(g.group(1));
                name = g.group(2);
                uuid = g.group(3);
                slices = new ArrayList<>();
            } else if (m.matches() && index != null) {
                slices.add(new Slice(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4)));
            }
        }
        if (index != null) {
            parents.add(new Parent(index, name, uuid, slices));
        }
        return new Listing(parents);
    }

    /**
     * Replaces every GPU that has MIG slices by one {@link Gpu} per slice (uuid {@code MIG-...}, name
     * {@code <gpu name> MIG 3g.40gb}, memory from the profile name, free memory unknown, bandwidth and FP16
     * rate as the slice's share (memory share, compute share g/7) of the parent's when the parent's are known); other GPUs stay. Complete the
     * parents from the device table first.
     */
    public static List<Gpu> expand(List<Gpu> gpus, Listing listing) {
        List<Gpu> out = new ArrayList<>();
        for (Gpu gpu : gpus) {
            Parent parent = listing.gpus().stream()
                    .filter(p -> gpu.uuid() != null ? gpu.uuid().equals(p.uuid()) : gpu.index() != null && gpu.index() == p.index())
                    .findFirst().orElse(null);
            if (parent == null || parent.slices().isEmpty()) {
                out.add(gpu);
                continue;
            }
            for (Slice s : parent.slices()) {
                long bytes = (long) (s.namedGb() * PROFILE_SIZE_FACTOR * (1L << 30));
                Double bandwidth = null;
                Double fp16 = null;
                if (gpu.vramTotalBytes() != null && gpu.vramTotalBytes() > 0) {
                    double share = Math.min(1.0, s.namedGb() * (double) (1L << 30) / gpu.vramTotalBytes());
                    bandwidth = gpu.memoryBandwidthGbps() == null ? null : gpu.memoryBandwidthGbps() * share;
                }
                if (gpu.fp16Tflops() != null) {
                    fp16 = gpu.fp16Tflops() * Math.min(1.0, s.computeSlices() / (double) COMPUTE_SLICES);
                }
                out.add(new Gpu(gpu.index(), s.uuid(), gpu.name() + " MIG " + s.profile(), gpu.vendor(), gpu.backend(),
                        bytes, null, false, bandwidth, fp16, gpu.computeCapability(), gpu.driverVersion(),
                        "nvidia-smi -L (MIG)"));
            }
        }
        return out;
    }
}
