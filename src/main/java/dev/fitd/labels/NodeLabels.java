package dev.fitd.labels;

import dev.fitd.fit.FitLevel;
import dev.fitd.fit.FitResult;
import dev.fitd.hardware.Gpu;
import dev.fitd.hardware.HardwareSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Node labels for node-feature-discovery's {@code features.d}: what a scheduler needs to place an LLM
 * pod on a node that can run it. Pure: a snapshot and graded models in, {@code prefix/name=value} lines
 * out, every line valid by {@link LabelSyntax}.
 *
 * <p>Hardware labels ({@code <prefix>/...}):
 * <ul>
 *   <li>{@code gpu-class}: the first GPU's name as a label value ({@code nvidia-geforce-rtx-4090}),
 *       {@code none} without a GPU, {@code unknown} when the GPU has no name;</li>
 *   <li>{@code gpu-vendor}, {@code gpu-backend} (llama.cpp backend: cuda, rocm, metal, ...),
 *       {@code gpu-count}, {@code unified-memory};</li>
 *   <li>{@code vram-gib}: usable GPU memory summed over the GPUs whose memory is known, in whole GiB
 *       (2^30 bytes, rounded down); "usable" is what the estimator plans with: free memory when the
 *       driver reports it, else total (a unified-memory machine counts its first GPU only, as the
 *       estimator does). Omitted when no GPU's memory is known;</li>
 *   <li>{@code ram-gib}: RAM available to a new model, whole GiB rounded down.</li>
 * </ul>
 * Whole numbers so that a nodeAffinity can compare them ({@code Gt}/{@code Lt} take integers).
 *
 * <p>Per model ({@code <prefix>/<model>.fit}, {@code <prefix>/<model>.tps}): the fit level
 * ({@code perfect|good|marginal|too_tight}) and a decode-speed bucket at the estimate's default
 * context, quantization and runtime. The bucket is the largest of {@link #TPS_BUCKETS} not above the
 * estimated decode tokens/s ("at least this many"), {@code 0} when the model does not fit; the label is
 * left out when the estimator gives no speed. Buckets keep the label from changing with every small
 * change of the estimate (each change relabels the node).
 */
public final class NodeLabels {
    /**
     * Lower bounds of the tok/s buckets: roughly doubling steps over the range a local LLM decodes at
     * (about 1 tok/s for a large model spilling into RAM, to several hundred for a small model on a
     * data-centre GPU); 5, 10, 20, 30 sit where chat stops feeling slow (reading speed is ~5-10 tok/s).
     */
    public static final List<Integer> TPS_BUCKETS = List.of(0, 1, 2, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500);
    /** Name part left for the model: 63 minus the longest suffix ({@code .fit}, {@code .tps}). */
    static final int MAX_MODEL_NAME = LabelSyntax.MAX_NAME - 4;
    private static final long GIB = 1L << 30;

    private NodeLabels() { }

    /**
     * The label name part for each catalog key, in order: the key's last path segment in lower case,
     * every run of characters outside {@code [a-z0-9._-]} replaced by {@code -}, trimmed to start and end
     * alphanumeric; a name too long for the 63-character limit is cut and given a 6-hex-digit hash of the
     * key so that it stays unique.
     *
     * @throws IllegalArgumentException when two keys give the same name (naming both), or a key is blank
     */
    public static Map<String, String> modelNames(List<String> keys) {
        Map<String, String> byKey = new LinkedHashMap<>();
        Map<String, String> byName = new LinkedHashMap<>();
        for (String key : keys) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("a model key in the label list is blank");
            }
            String name = modelName(key);
            String other = byName.putIfAbsent(name, key);
            if (other != null && !other.equals(key)) {
                throw new IllegalArgumentException("models '" + other + "' and '" + key + "' would both be labelled '"
                        + name + "': keep one of them in the list");
            }
            byKey.put(key, name);
        }
        return byKey;
    }

    /** The label name part for one catalog key (see {@link #modelNames}). */
    public static String modelName(String key) {
        String last = key.substring(key.lastIndexOf('/') + 1);
        String name = slug(last);
        if (name.length() > MAX_MODEL_NAME) {
            name = trimEnds(name.substring(0, MAX_MODEL_NAME - 7)) + "-" + shortHash(key);
        }
        return name.isEmpty() ? "model-" + shortHash(key) : name;
    }

    /**
     * The feature-file lines for this node, hardware first, then each graded model in the given order.
     *
     * @param prefix label prefix such as {@code fitd.dev}
     * @param models graded models, with the label name of each (from {@link #modelNames})
     */
    public static List<String> lines(String prefix, HardwareSnapshot hw, Map<String, String> names, List<FitResult> models) {
        LabelSyntax.prefixProblem(prefix).ifPresent(p -> { throw new IllegalArgumentException(p); });
        List<String> out = new ArrayList<>();
        List<Gpu> gpus = hw.gpus();
        if (gpus.isEmpty()) {
            out.add(prefix + "/gpu-class=none");
            out.add(prefix + "/gpu-vendor=none");
        } else {
            Gpu first = gpus.get(0);
            String cls = first.name() == null ? "" : valueSlug(first.name());
            out.add(prefix + "/gpu-class=" + (cls.isEmpty() ? "unknown" : cls));
            out.add(prefix + "/gpu-vendor=" + (first.vendor() == null ? "unknown" : first.vendor().name().toLowerCase(Locale.ROOT)));
            if (first.backend() != null) {
                out.add(prefix + "/gpu-backend=" + first.backend().wire());
            }
        }
        out.add(prefix + "/gpu-count=" + gpus.size());
        out.add(prefix + "/unified-memory=" + hw.unifiedMemory());
        Long vram = usableVramBytes(hw);
        if (vram != null) {
            out.add(prefix + "/vram-gib=" + Math.max(0, vram / GIB));
        }
        out.add(prefix + "/ram-gib=" + Math.max(0, hw.memory().availableBytes() / GIB));
        for (FitResult r : models) {
            String name = names.get(r.model().key());
            if (name == null) {
                throw new IllegalArgumentException("no label name for model " + r.model().key());
            }
            out.add(prefix + "/" + name + ".fit=" + r.level().wire());
            Double tps = r.estimate().decodeTps();
            if (r.level() == FitLevel.TOO_TIGHT || !r.estimate().fits()) {
                out.add(prefix + "/" + name + ".tps=0");
            } else if (tps != null && Double.isFinite(tps)) {
                out.add(prefix + "/" + name + ".tps=" + tpsBucket(tps));
            }
        }
        for (String line : out) {
            LabelSyntax.lineProblem(line).ifPresent(p -> {
                throw new IllegalStateException("fitd built an invalid node label: " + p);
            });
        }
        return List.copyOf(out);
    }

    /** The feature file: a comment saying who writes it, then the lines. */
    public static String render(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Node labels written by fitd for node-feature-discovery (local source, features.d).\n");
        sb.append("# Rewritten whenever the hardware, the catalog or the local models change; do not edit.\n");
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Largest bucket lower bound not above {@code tps}; 0 for anything below 1. */
    public static int tpsBucket(double tps) {
        int bucket = 0;
        for (int b : TPS_BUCKETS) {
            if (tps >= b) {
                bucket = b;
            }
        }
        return bucket;
    }

    /**
     * GPU memory the estimator plans with, summed: free if known, else total, for each GPU whose memory is
     * known; a unified-memory machine counts only its first (shared) GPU. Null when no GPU's memory is known.
     */
    static Long usableVramBytes(HardwareSnapshot hw) {
        long sum = 0;
        boolean any = false;
        for (Gpu g : hw.gpus()) {
            Long usable = g.usableVramBytes();
            if (usable == null || g.vramTotalBytes() == null) {
                continue;
            }
            sum += usable;
            any = true;
            if (hw.unifiedMemory()) {
                break;
            }
        }
        return any ? sum : null;
    }

    /** A GPU name as a label value: lower case, runs of other characters as '-', at most 63, trimmed. */
    static String valueSlug(String s) {
        String slug = slug(s);
        return slug.length() > LabelSyntax.MAX_VALUE ? trimEnds(slug.substring(0, LabelSyntax.MAX_VALUE)) : slug;
    }

    private static String slug(String s) {
        String lower = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return trimEnds(lower);
    }

    private static String trimEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetterOrDigit(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String shortHash(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
