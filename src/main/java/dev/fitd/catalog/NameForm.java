package dev.fitd.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name taken apart for {@link NameResolver}: its normalised form and what its decoration said.
 * Pure string work, kept apart from the index so the rules of "what varies by packaging" read in one
 * place.
 *
 * @param form the normalised name ({@code qwen-2.5-7-b-instruct}); with an Ollama tag, {@code base:tag}
 * @param ollamaBase the normalised part before an Ollama tag's colon, or null when there is no tag
 * @param ollamaTag the normalised tag ({@code 7-b-instruct}), or null
 * @param embeddingMarked whether the name said "embedding" (LM Studio's {@code text-embedding-} decoration)
 */
record NameForm(String form, String ollamaBase, String ollamaTag, boolean embeddingMarked) {
    /** Quantization and packaging names found at the end of names, as whole separator-delimited parts. */
    private static final String NOISE = "(?:iq[1-4]_(?:xxs|xs|nl|s|m)|ud-q[2-8]_k_xl|q[2-8]_k(?:_[sml]|_xl)?|q[4-8]_[01]"
            + "|q[2-8]|tq[12]_0|mxfp4(?:_moe)?|bf16|f16|fp16|f32|fp32|fp8|int[48]|[2-8]-?bits?|dwq|bnb-4bit|awq|gptq"
            + "|gguf|ggml|mlx|hf|qat|ud|i1|imatrix)";
    private static final Pattern TRAILING_NOISE = Pattern.compile("[-_. ]" + NOISE + "$");
    private static final Pattern ONLY_NOISE = Pattern.compile(NOISE + "(?:[-_.]" + NOISE + ")*");
    private static final Pattern SPLIT = Pattern.compile("-\\d{5}-of-\\d{5}$");
    private static final Pattern TOKEN = Pattern.compile("[a-z]+|\\d+(?:\\.\\d+)*");

    /**
     * The normalised form of a name: lower case; no URL host, publisher ({@code owner/} or a catalog
     * owner glued with {@code _}, as bartowski writes {@code google_gemma-3-4b-it}), {@code .gguf},
     * split suffix, LM Studio {@code @variant}; trailing quantization and packaging parts stripped
     * until none is left; {@code text-embedding-} prefix and {@code -embedding} suffix stripped (and
     * remembered); then split into letter runs and number runs ({@code Qwen2.5-7B} → {@code qwen-2.5-7-b})
     * with {@code it} read as {@code instruct} and {@code qat} dropped.
     *
     * @param publishers lower-cased catalog owners ({@code google}), stripped when glued with {@code _}
     */
    static NameForm of(String raw, Set<String> publishers) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        for (String prefix : new String[] {"https://", "http://", "hf.co/", "huggingface.co/",
                "registry.ollama.ai/library/", "ollama.com/library/", "ollama.com/"}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        int at = s.indexOf('@');
        if (at > 0) {
            s = s.substring(0, at);
        }
        String tag = null;
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
            if (tag.isEmpty() || ONLY_NOISE.matcher(tag).matches()) {
                tag = null; // hf.co/…-GGUF:Q4_K_M: a quant, not a variant
            }
        }
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            s = s.substring(slash + 1);
        }
        if (s.endsWith(".gguf")) {
            s = s.substring(0, s.length() - 5);
        }
        s = SPLIT.matcher(s).replaceFirst("");
        int underscore = s.indexOf('_');
        if (underscore > 0 && publishers.contains(s.substring(0, underscore))) {
            s = s.substring(underscore + 1);
        }
        s = stripNoise(s);
        boolean embedding = false;
        if (s.startsWith("text-embedding-") && s.length() > 15) {
            s = s.substring(15);
            embedding = true;
        }
        if (tag == null && s.endsWith("-embedding") && s.length() > 10) {
            String rest = s.substring(0, s.length() - 10);
            // LM Studio's decoration ("text-embedding-…-embedding", "…-v1.5-embedding"), not a family
            // name's own word ("qwen3-embedding", which Ollama tags as qwen3-embedding:0.6b)
            if (embedding || rest.contains("embed") || rest.matches(".*-v\\d+(\\.\\d+)*")) {
                s = rest;
                embedding = true;
            }
        }
        s = stripNoise(s);
        List<String> tokens = tokens(s);
        if (tokens.contains("embed") || tokens.contains("embedding")) {
            embedding = true;
        }
        if (tag != null) {
            String t = stripNoise(tag);
            List<String> tagTokens = tokens(t);
            if (tagTokens.isEmpty()) {
                return new NameForm(String.join("-", tokens), null, null, embedding);
            }
            return new NameForm(String.join("-", tokens) + ":" + String.join("-", tagTokens),
                    String.join("-", tokens), String.join("-", tagTokens), embedding);
        }
        return new NameForm(String.join("-", tokens), null, null, embedding);
    }

    private static String stripNoise(String s) {
        String prev;
        do {
            prev = s;
            Matcher m = TRAILING_NOISE.matcher(s);
            if (m.find() && m.start() > 0) {
                s = s.substring(0, m.start());
            }
        } while (!s.equals(prev));
        return s;
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            String t = m.group();
            if (t.equals("qat")) {
                continue;
            }
            out.add(t.equals("it") ? "instruct" : t);
        }
        return out;
    }
}
