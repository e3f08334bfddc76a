package dev.fitd.inventory.source;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Name normalisation shared by the parsers and {@link dev.fitd.inventory.InventoryJoiner}. Runtimes name the same
 * weights differently: {@code google/gemma-4-26b-a4b@q4_k_m} (LM Studio variant),
 * {@code llama3.1:latest} and {@code llama3.1:8b-instruct-q4_K_M} (Ollama),
 * {@code lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF} (repository),
 * {@code Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf} (file). {@link #canonical(String)} strips what varies
 * by installation (case, quantization, {@code -GGUF}, {@code :latest}, extension, split suffix) and keeps
 * what identifies the weights (publisher, name, size tag).
 */
public final class ModelNames {
    /**
     * Quantization names as they appear at the end of names: llama.cpp types ({@code Q4_K_M},
     * {@code IQ3_XXS}, {@code Q8_0}, {@code MXFP4}), float types and MLX bit widths ({@code 4bit}).
     */
    private static final String QUANT = "(?:IQ[1-4]_(?:XXS|XS|NL|S|M)|Q[2-8]_K(?:_[SML]|_XL)?|Q[4-8]_[01]|Q[2-8]_K_XL"
            + "|TQ[12]_0|MXFP4(?:_MOE)?|BF16|F16|FP16|F32|FP8|UD-Q[2-8]_K_XL|[2-8]-?BITS?|DWQ)";
    private static final Pattern QUANT_SUFFIX = Pattern.compile("(?i)[-_.@:](" + QUANT + ")$");
    private static final Pattern QUANT_ONLY = Pattern.compile("(?i)" + QUANT);
    private static final Pattern SPLIT = Pattern.compile("(?i)-\\d{5}-of-\\d{5}$");
    private static final Pattern REPO_FORMAT_SUFFIX = Pattern.compile("(?i)-(gguf|mlx|ggml)$");

    private ModelNames() { }

    /** The quantization named at the end of {@code name} ({@code …-Q4_K_M.gguf} → {@code Q4_K_M}), upper-cased. */
    public static Optional<String> quantSuffix(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String s = stripExtension(name.trim());
        s = SPLIT.matcher(s).replaceFirst("");
        Matcher m = QUANT_SUFFIX.matcher(s);
        if (m.find()) {
            return Optional.of(normaliseQuant(m.group(1)));
        }
        int colon = s.lastIndexOf(':');
        if (colon >= 0 && QUANT_ONLY.matcher(s.substring(colon + 1)).matches()) {
            return Optional.of(normaliseQuant(s.substring(colon + 1)));
        }
        return Optional.empty();
    }

    private static String normaliseQuant(String q) {
        String up = q.toUpperCase(Locale.ROOT);
        return up.matches("[2-8]-?BITS?") ? up.charAt(0) + "bit" : up;
    }

    /**
     * The canonical form of a model name: lower case, without {@code hf.co/}, {@code .gguf}, split
     * suffix, {@code @variant}, quantization suffix, {@code :latest}, {@code -GGUF}/{@code -MLX}.
     */
    public static String canonical(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"https://", "hf.co/", "huggingface.co/", "registry.ollama.ai/library/"}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        s = stripExtension(s);
        s = SPLIT.matcher(s).replaceFirst("");
        int at = s.indexOf('@');
        if (at > 0) {
            s = s.substring(0, at);
        }
        // an Ollama tag: name:tag
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            String base = s.substring(0, colon);
            String tag = s.substring(colon + 1);
            if (tag.equals("latest") || QUANT_ONLY.matcher(tag).matches()) {
                tag = "";
            } else {
                tag = stripQuant(tag);
            }
            s = tag.isEmpty() ? base : base + ":" + tag;
        }
        s = stripQuant(s);
        s = REPO_FORMAT_SUFFIX.matcher(s).replaceFirst("");
        s = stripQuant(s);
        return s;
    }

    /** The canonical form of the part after the last {@code /} (publisher or directory removed). */
    public static String canonicalBase(String name) {
        String c = canonical(name);
        int slash = c.lastIndexOf('/');
        return slash < 0 ? c : c.substring(slash + 1);
    }

    private static String stripQuant(String s) {
        String prev;
        do {
            prev = s;
            s = QUANT_SUFFIX.matcher(s).replaceFirst("");
        } while (!s.equals(prev) && !s.isEmpty());
        return s.isEmpty() ? prev : s;
    }

    private static String stripExtension(String s) {
        return s.regionMatches(true, Math.max(0, s.length() - 5), ".gguf", 0, 5) && s.length() > 5
                ? s.substring(0, s.length() - 5) : s;
    }
}
