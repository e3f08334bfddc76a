package dev.fitd.estimate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A quantization a user can ask for ({@code quant=}): the GGUF file types of llama.cpp ({@code Q4_K_M}
 * ...), MLX 4/8-bit, AWQ / GPTQ int4 / int8 and FP8. Each knows its format, its nominal bits per weight
 * and a quality factor.
 *
 * <p>GGUF types are <em>mixes</em>: {@code Q4_K_M} stores most tensors as Q4_K but the output head as
 * Q6_K and half of {@code attn_v} / {@code ffn_down} as Q6_K. {@link GgufMix} reproduces those rules;
 * the nominal {@link #bitsPerWeight()} here is only the base type's.
 *
 * <p><b>Quality factor</b> (0–1, 1 = the published weights): {@code 1 / (1 + 1.5 × Δ)} where Δ is the
 * relative perplexity increase over F16. Δ for the k-quants and legacy types comes from the table that
 * {@code llama-quantize --help} prints (Llama-3-8B, wikitext-2, F16 perplexity ≈ 6.23): Q8_0 +0.0026,
 * Q6_K +0.0217, Q5_K_M +0.0569, Q5_K_S +0.1049, Q5_1 +0.1062, Q5_0 +0.1316, Q4_K_M +0.1754, Q4_K_S +0.2689,
 * Q4_1 +0.4511, Q4_0 +0.4685, Q3_K_L +0.5562, Q3_K_M +0.6569, Q3_K_S +1.6321, Q2_K +3.5199 ppl. The i-quants
 * have no entry there (the help prints only their bpw); their Δ is interpolated by bits per weight
 * between neighbouring k-quants, an assumption. MLX affine 4-bit (group 64) is placed between Q4_0 and
 * Q4_K_M, AWQ/GPTQ int4 (group 128, calibrated) at Q4_K_M, 8-bit types at Q8_0, FP8 at Q8_0.
 * The 1.5 weight is a judgement: it maps Q4_K_M to 0.96 and Q2_K to 0.54.
 */
public enum QuantType {
    F32("F32", Format.GGUF, GgmlType.F32, 0, 0),
    F16("F16", Format.GGUF, GgmlType.F16, 0, 0),
    BF16("BF16", Format.GGUF, GgmlType.BF16, 0, 0),
    Q8_0("Q8_0", Format.GGUF, GgmlType.Q8_0, 0, 0.0026),
    Q6_K("Q6_K", Format.GGUF, GgmlType.Q6_K, 0, 0.0217),
    Q5_K_M("Q5_K_M", Format.GGUF, GgmlType.Q5_K, 0, 0.0569),
    Q5_K_S("Q5_K_S", Format.GGUF, GgmlType.Q5_K, 0, 0.1049),
    Q5_1("Q5_1", Format.GGUF, GgmlType.Q5_1, 0, 0.1062),
    Q5_0("Q5_0", Format.GGUF, GgmlType.Q5_0, 0, 0.1316),
    Q4_K_M("Q4_K_M", Format.GGUF, GgmlType.Q4_K, 0, 0.1754),
    IQ4_XS("IQ4_XS", Format.GGUF, GgmlType.IQ4_XS, 0, 0.22),
    Q4_K_S("Q4_K_S", Format.GGUF, GgmlType.Q4_K, 0, 0.2689),
    IQ4_NL("IQ4_NL", Format.GGUF, GgmlType.IQ4_NL, 0, 0.25),
    Q4_1("Q4_1", Format.GGUF, GgmlType.Q4_1, 0, 0.4511),
    Q4_0("Q4_0", Format.GGUF, GgmlType.Q4_0, 0, 0.4685),
    MXFP4("MXFP4", Format.GGUF, GgmlType.MXFP4, 0, 0.4685),
    Q3_K_L("Q3_K_L", Format.GGUF, GgmlType.Q3_K, 0, 0.5562),
    Q3_K_M("Q3_K_M", Format.GGUF, GgmlType.Q3_K, 0, 0.6569),
    IQ3_M("IQ3_M", Format.GGUF, GgmlType.IQ3_S, 0, 0.65),
    IQ3_S("IQ3_S", Format.GGUF, GgmlType.IQ3_S, 0, 0.95),
    Q3_K_S("Q3_K_S", Format.GGUF, GgmlType.Q3_K, 0, 1.6321),
    IQ3_XS("IQ3_XS", Format.GGUF, GgmlType.IQ3_S, 0, 1.2),
    IQ3_XXS("IQ3_XXS", Format.GGUF, GgmlType.IQ3_XXS, 0, 1.5),
    Q2_K("Q2_K", Format.GGUF, GgmlType.Q2_K, 0, 3.5199),
    IQ2_M("IQ2_M", Format.GGUF, GgmlType.IQ2_S, 0, 3.3),
    IQ2_S("IQ2_S", Format.GGUF, GgmlType.IQ2_XS, 0, 4.2),
    IQ2_XS("IQ2_XS", Format.GGUF, GgmlType.IQ2_XS, 0, 5.0),
    IQ2_XXS("IQ2_XXS", Format.GGUF, GgmlType.IQ2_XXS, 0, 6.5),
    IQ1_M("IQ1_M", Format.GGUF, GgmlType.IQ1_M, 0, 11.0),
    IQ1_S("IQ1_S", Format.GGUF, GgmlType.IQ1_S, 0, 16.0),
    /** MLX affine quantization, group size 64: 8 bits + an f16 scale and f16 bias per 64 weights. */
    MLX_8BIT("MLX_8BIT", Format.MLX, null, 8 + 32.0 / 64, 0.0026),
    /** MLX affine quantization, group size 64: 4 bits + an f16 scale and f16 bias per 64 weights. */
    MLX_4BIT("MLX_4BIT", Format.MLX, null, 4 + 32.0 / 64, 0.30),
    /** AWQ, group 128: 4 bits + an f16 scale and a 4-bit zero per 128 weights; embeddings and head stay 16-bit. */
    AWQ_INT4("AWQ_INT4", Format.AWQ, null, 4 + 20.0 / 128, 0.1754),
    /** 8-bit AWQ-style weights, group 128. */
    AWQ_INT8("AWQ_INT8", Format.AWQ, null, 8 + 24.0 / 128, 0.0026),
    /** GPTQ, group 128: 4 bits + an f16 scale and a packed 4-bit zero per 128 weights. */
    GPTQ_INT4("GPTQ_INT4", Format.GPTQ, null, 4 + 20.0 / 128, 0.22),
    /** GPTQ 8-bit, group 128. */
    GPTQ_INT8("GPTQ_INT8", Format.GPTQ, null, 8 + 24.0 / 128, 0.0026),
    /** FP8 (e4m3) linear weights with per-block scales (128×128 f32: negligible); embeddings and head 16-bit. */
    FP8("FP8", Format.FP8, null, 8, 0.0026);

    /** How the weights are packaged, which decides the runtime that loads them. */
    public enum Format { GGUF, MLX, AWQ, GPTQ, FP8 }

    private static final Map<String, QuantType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(q -> q.wire, Function.identity()));
    private static final Map<String, QuantType> ALIASES = Map.of(
            "Q4_K", Q4_K_M, "Q5_K", Q5_K_M, "Q3_K", Q3_K_M,
            "MLX_4", MLX_4BIT, "MLX_8", MLX_8BIT, "4BIT", MLX_4BIT, "8BIT", MLX_8BIT,
            "MXFP4_MOE", MXFP4, "FP16", F16, "FP8_E4M3", FP8);

    private final String wire;
    private final Format format;
    private final GgmlType base;
    private final double nonGgufBits;
    private final double pplIncrease;

    QuantType(String wire, Format format, GgmlType base, double nonGgufBits, double pplIncrease) {
        this.wire = wire;
        this.format = format;
        this.base = base;
        this.nonGgufBits = nonGgufBits;
        this.pplIncrease = pplIncrease;
    }

    /**
     * The quantization named {@code name}: case-insensitive, {@code -} and spaces read as {@code _}
     * ({@code q4_k_m}, {@code mlx-4bit}); {@code Q4_K} means {@code Q4_K_M} as in llama-quantize.
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static QuantType parse(String name) {
        QuantType exact = name == null ? null : BY_NAME.get(name);  // the wire name itself: no normalisation needed
        if (exact != null) {
            return exact;
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("invalid quant value '" + name + "': use " + acceptedNames());
        }
        String k = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        QuantType q = BY_NAME.get(k);
        if (q == null) {
            q = ALIASES.get(k);
        }
        if (q == null) {
            throw new IllegalArgumentException("invalid quant value '" + name.trim() + "': use " + acceptedNames());
        }
        return q;
    }

    /** Every accepted name, best quality first, separated by {@code |}. */
    public static String acceptedNames() {
        return Arrays.stream(values()).map(QuantType::wire).collect(Collectors.joining("|"));
    }

    /** The name as users and llama.cpp write it ({@code Q4_K_M}, {@code MLX_4BIT}). */
    public String wire() { return wire; }

    public Format format() { return format; }

    /** The ggml type most tensors are stored in (GGUF only), else null. */
    public GgmlType baseType() { return base; }

    /** Nominal bits per weight of the bulk of the tensors (the base type's for GGUF). */
    public double bitsPerWeight() { return base != null ? base.bitsPerWeight() : nonGgufBits; }

    /** Quality factor, 0–1; see the class comment. */
    public double quality() { return 1.0 / (1.0 + 1.5 * pplIncrease / 6.23); }

    /** Relative perplexity increase over F16 this factor is derived from. */
    double relativePerplexityIncrease() { return pplIncrease / 6.23; }

    /** True for formats llama.cpp loads. */
    public boolean isGguf() { return format == Format.GGUF; }

    /** Sub-4-bit k-/i-quants: see {@link GgmlType#isLowBit()}. */
    public boolean isLowBit() { return base != null && base.isLowBit(); }

    /**
     * The best-that-fits ladder of a runtime, best quality first: llama.cpp from F16 down to the 2-bit
     * types (IQ1_* are too lossy to recommend; they can still be forced); MLX bf16, 8-bit, 4-bit.
     */
    public static List<QuantType> ladder(InferenceRuntime runtime) {
        return runtime == InferenceRuntime.MLX ? MLX_LADDER : GGUF_LADDER;
    }

    private static final List<QuantType> GGUF_LADDER = List.of(F16, Q8_0, Q6_K, Q5_K_M, Q4_K_M, IQ4_XS, Q3_K_M,
            IQ3_M, Q3_K_S, IQ3_XXS, Q2_K, IQ2_M, IQ2_XS, IQ2_XXS);
    private static final List<QuantType> MLX_LADDER = List.of(BF16, MLX_8BIT, MLX_4BIT);
}
