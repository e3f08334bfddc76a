package dev.fitd.estimate;

import dev.fitd.hardware.Backend;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Fits the decode constants of {@link CalibrationConstants} to measured rows: minimise
 * Σ w × huber(ln(predicted / measured)) (δ = 0.15, so a row 2× off weighs like a row ~15 % off squared
 * times a few, not like a hundred of them — the calibration posts span three years of llama.cpp builds)
 * plus a weak prior pulling each efficiency towards 0.65 (the middle of the 45–87 % the calibration README
 * reports), which only matters for a backend with one or two rows. The weight w is 1 for rows measured on
 * builds from 2024 on and {@value #OLD_BUILD_WEIGHT} for older ones: fitd estimates today's builds, and the
 * old rows' larger overhead is explained by their own factor rather than averaged into today's. Nelder–Mead
 * with restarts, bounded by clamping; deterministic.
 *
 * <p>Parameters: CUDA, ROCm, Vulkan, Metal (base/Pro/Max), CPU and Apple Ultra bandwidth efficiency; CUDA,
 * ROCm, Vulkan and Metal per-layer overhead (µs); CPU per-layer-and-thread overhead (µs); CPU GB/s per
 * thread; low-bit factor; the pre-2024 overhead factor; the bandwidth factor of first-generation (mid-2023) mat-vec builds. SYCL takes Vulkan's values. The multi-GPU split
 * boundary latency and link bandwidth are priors, not fitted (no multi-GPU rows), and are carried over from the start
 * constants.
 */
final class CalibrationFit {
    static final String[] NAMES = {"CUDA efficiency", "ROCm efficiency", "Vulkan efficiency",
        "Metal efficiency (base/Pro/Max)", "CPU efficiency", "Metal efficiency (Ultra)",
        "CUDA overhead per layer (µs)", "ROCm overhead per layer (µs)", "Vulkan overhead per layer (µs)",
        "Metal overhead per layer (µs)", "CPU overhead per layer and thread (µs)", "CPU GB/s per thread",
        "low-bit factor", "older-build overhead factor", "first-generation (2023 mat-vec) bandwidth factor"};
    static final double[] LOWER = {0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0, 0, 0, 0, 0, 2, 0.2, 1, 0.4};
    /**
     * Physical upper bounds: no GPU streams more than 95 % of its nominal bandwidth (device-to-device copies
     * reach about 90–93 %), no CPU more than 85 % of its nominal DRAM bandwidth (STREAM triad reaches
     * 70–85 % on desktop and server parts). Without them the CPU rows trade efficiency against per-layer
     * overhead freely.
     */
    static final double[] UPPER = {0.95, 0.95, 0.95, 0.95, 0.85, 0.95, 400, 400, 400, 400, 50, 40, 1.0, 6, 1.0};
    static final double OLD_BUILD_WEIGHT = 0.5;
    private static final int EFFICIENCIES = 6;
    private static final double PRIOR_EFFICIENCY = 0.65;
    private static final double PRIOR_WEIGHT = 0.05;
    private static final double HUBER = 0.15;

    /** A row reduced to what the roofline needs: where its bytes are read, the build era, the measured speed. */
    record Sample(String device, Backend backend, List<Throughput.Place> places, boolean lowBit, boolean oldBuild,
                  boolean firstGen, double measuredTps) {
        double weight() { return oldBuild ? OLD_BUILD_WEIGHT : 1; }
    }

    private CalibrationFit() { }

    static double[] vector(CalibrationConstants c) {
        return new double[] {c.efficiency(Backend.CUDA), c.efficiency(Backend.ROCM), c.efficiency(Backend.VULKAN),
            c.efficiency(Backend.METAL), c.efficiency(Backend.CPU), c.appleUltraEfficiency(),
            c.layerOverheadSeconds(Backend.CUDA) * 1e6, c.layerOverheadSeconds(Backend.ROCM) * 1e6,
            c.layerOverheadSeconds(Backend.VULKAN) * 1e6, c.layerOverheadSeconds(Backend.METAL) * 1e6,
            c.cpuLayerOverheadMicros(), c.cpuThreadGbps(), c.lowBitFactor(), c.oldBuildOverheadFactor(), c.firstGenBandwidthFactor()};
    }

    static CalibrationConstants constants(double[] x, CalibrationConstants base) {
        double[] v = clamp(x);
        Map<Backend, Double> eff = CalibrationConstants.efficiencies(v[0], v[1], v[2], v[3], v[2], v[4]);
        Map<Backend, Double> over = CalibrationConstants.efficiencies(v[6], v[7], v[8], v[9], v[8], 0);
        return new CalibrationConstants(eff, v[5], over, v[10], v[11], v[12], v[13], v[14], base.splitBoundaryMicros(),
                base.splitLinkGbps(), base.prefillEfficiency(), base.vulkanIntegratedPrefillEfficiency(),
                base.cpuThreadGflops(), base.fallbackFlopsPerByte(), base.moePrefillHalfTokens());
    }

    static double predict(Sample s, CalibrationConstants c) {
        return 1 / Throughput.decodeSecondsPerToken(s.places(), s.lowBit(), c, s.oldBuild(), s.firstGen());
    }

    static double loss(List<Sample> samples, double[] x, CalibrationConstants base) {
        CalibrationConstants c = constants(x, base);
        double sum = 0;
        for (Sample s : samples) {
            double a = Math.abs(Math.log(predict(s, c) / s.measuredTps()));
            sum += s.weight() * (a <= HUBER ? a * a : 2 * HUBER * a - HUBER * HUBER);
        }
        double[] v = clamp(x);
        for (int i = 0; i < EFFICIENCIES; i++) {
            sum += PRIOR_WEIGHT * (v[i] - PRIOR_EFFICIENCY) * (v[i] - PRIOR_EFFICIENCY);
        }
        return sum;
    }

    static CalibrationConstants fit(List<Sample> samples, CalibrationConstants start) {
        double[] x = vector(start);
        ToDoubleFunction<double[]> f = v -> loss(samples, v, start);
        for (int restart = 0; restart < 6; restart++) {
            x = nelderMead(f, x, 4000);
        }
        return constants(x, start);
    }

    private static double[] clamp(double[] x) {
        double[] v = x.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(LOWER[i], Math.min(UPPER[i], v[i]));
        }
        return v;
    }

    /** Plain Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½) from a simplex of 10 % steps. */
    private static double[] nelderMead(ToDoubleFunction<double[]> f, double[] start, int maxEvaluations) {
        int n = start.length;
        double[][] p = new double[n + 1][];
        double[] y = new double[n + 1];
        p[0] = clamp(start);
        for (int i = 1; i <= n; i++) {
            p[i] = p[0].clone();
            double step = Math.max(0.1 * Math.abs(p[0][i - 1]), 0.05 * (UPPER[i - 1] - LOWER[i - 1]));
            p[i][i - 1] = p[0][i - 1] + (p[0][i - 1] + step <= UPPER[i - 1] ? step : -step);
        }
        for (int i = 0; i <= n; i++) {
            y[i] = f.applyAsDouble(p[i]);
        }
        int evaluations = n + 1;
        Integer[] order = new Integer[n + 1];
        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            final double[] yy = y;
            Arrays.sort(order, (a, b) -> Double.compare(yy[a], yy[b]));
            double[][] ps = new double[n + 1][];
            double[] ys = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                ps[i] = p[order[i]];
                ys[i] = y[order[i]];
            }
            p = ps;
            y = ys;
            if (Math.abs(y[n] - y[0]) < 1e-12) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += p[i][j] / n;
                }
            }
            double[] reflected = clamp(combine(centroid, p[n], 1));
            double yr = f.applyAsDouble(reflected);
            evaluations++;
            if (yr < y[0]) {
                double[] expanded = clamp(combine(centroid, p[n], 2));
                double ye = f.applyAsDouble(expanded);
                evaluations++;
                if (ye < yr) {
                    p[n] = expanded;
                    y[n] = ye;
                } else {
                    p[n] = reflected;
                    y[n] = yr;
                }
            } else if (yr < y[n - 1]) {
                p[n] = reflected;
                y[n] = yr;
            } else {
                double[] contracted = clamp(combine(centroid, p[n], -0.5));
                double yc = f.applyAsDouble(contracted);
                evaluations++;
                if (yc < y[n]) {
                    p[n] = contracted;
                    y[n] = yc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        for (int j = 0; j < n; j++) {
                            p[i][j] = p[0][j] + 0.5 * (p[i][j] - p[0][j]);
                        }
                        y[i] = f.applyAsDouble(p[i]);
                        evaluations++;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (y[i] < y[best]) {
                best = i;
            }
        }
        return p[best];
    }

    /** centroid + t × (centroid − worst). */
    private static double[] combine(double[] centroid, double[] worst, double t) {
        double[] r = new double[centroid.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = centroid[i] + t * (centroid[i] - worst[i]);
        }
        return r;
    }
}
