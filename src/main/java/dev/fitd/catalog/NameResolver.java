package dev.fitd.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knows a catalog model by any name people and runtimes use: catalog keys and aliases, Ollama tags
 * ({@code qwen2.5:7b-instruct-q4_K_M}), LM Studio keys ({@code gemma-3-270m-it-qat},
 * {@code text-embedding-nomic-embed-text-v1.5-embedding}), Hugging Face repositories
 * ({@code bartowski/google_gemma-3-4b-it-GGUF}, {@code mlx-community/Qwen3-8B-4bit}) and GGUF file names
 * ({@code Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf}, {@code …-00001-of-00003.gguf}). Pure; built once per
 * {@link Catalog} instance ({@link Catalog#names()}), so a reloaded catalog gets a new index and a request
 * costs a few hash lookups.
 *
 * <p><b>How a name resolves</b>, first hit wins:
 * <ol>
 * <li>{@link MatchKind#EXACT}: the catalog key, ignoring case.</li>
 * <li>{@link MatchKind#ALIAS}: an alias or the display name, ignoring case.</li>
 * <li>{@link MatchKind#NORMALISED}: the {@link #normalise normalised form} equals that of exactly one
 *     model's key, alias or display name. Ollama tags are first looked up among the catalog's Ollama
 *     aliases (quantization, {@code -qat} and, for instruct models only, {@code -instruct}/{@code -it}
 *     dropped from the tag), then as {@code name-tag}.</li>
 * <li>{@link MatchKind#GGUF_METADATA} (installed files only, {@link #resolve(List, Evidence)}):
 *     {@code general.basename}-{@code size_label}-{@code finetune} resolved as in 3.</li>
 * </ol>
 *
 * <p><b>Never a false match.</b> The normalised form keeps every token that tells models apart: family
 * and version ({@code qwen-2.5} ≠ {@code qwen-3}), size ({@code 8-b} ≠ {@code 70-b}), tuning
 * ({@code instruct} ≠ base, {@code pt}), modality ({@code embedding}, {@code vision}), release tags
 * ({@code 2507}); it drops only what varies by packaging: case, separators, publisher, file extension,
 * split-file suffix, {@code -GGUF}/{@code -MLX}, quantization ({@code Q4_K_M}, {@code 4bit}, {@code bf16}),
 * {@code -qat} (quantization-aware-trained weights of the same model and architecture), and LM Studio's
 * {@code text-embedding-} / {@code -embedding} decoration. {@code -it} reads as {@code -instruct}. A
 * normalised form shared by two models matches neither. Evidence about an installed copy vetoes a match
 * that disagrees with it: an embedding name or file never matches an LLM entry (nor the reverse), a
 * stated parameter count must be within 0.55–1.8× the entry's (so 8B never joins 70B; the band is wide
 * because runtimes round: Falcon3 "1B" is 1.67 B), and GGUF metadata's architecture must equal the
 * entry's.
 */
public final class NameResolver {

    /** How a name matched, as the row's {@code matched_by} says. */
    public enum MatchKind {
        EXACT, ALIAS, NORMALISED, GGUF_METADATA;

        public String wire() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * One resolution.
     *
     * @param model the catalog entry
     * @param how how the name matched
     * @param name the name that matched (one of the candidates)
     */
    public record Resolution(ModelSpec model, MatchKind how, String name) { }

    /**
     * What is known about an installed copy beyond its names, to confirm or veto a match. Every field
     * may be null (unknown).
     *
     * @param type llm or embedding, when the runtime states it reliably (LM Studio, GGUF metadata)
     * @param parameterCount stated or counted parameters
     * @param paramsString the runtime's parameter label ({@code 270M}, {@code 8B})
     * @param architecture GGUF {@code general.architecture}
     * @param basename GGUF {@code general.basename}
     * @param sizeLabel GGUF {@code general.size_label}
     * @param finetune GGUF {@code general.finetune}
     */
    public record Evidence(ModelType type, Long parameterCount, String paramsString, String architecture,
                           String basename, String sizeLabel, String finetune) {
        public static final Evidence NONE = new Evidence(null, null, null, null, null, null, null);
    }

    /** Quantization and packaging names found at the end of names, as whole separator-delimited parts. */
    private static final String NOISE = "(?:iq[1-4]_(?:xxs|xs|nl|s|m)|ud-q[2-8]_k_xl|q[2-8]_k(?:_[sml]|_xl)?|q[4-8]_[01]"
            + "|q[2-8]|tq[12]_0|mxfp4(?:_moe)?|bf16|f16|fp16|f32|fp32|fp8|int[48]|[2-8]-?bits?|dwq|bnb-4bit|awq|gptq"
            + "|gguf|ggml|mlx|hf|qat|ud|i1|imatrix)";
    private static final Pattern TRAILING_NOISE = Pattern.compile("[-_. ]" + NOISE + "$");
    private static final Pattern ONLY_NOISE = Pattern.compile(NOISE + "(?:[-_.]" + NOISE + ")*");
    private static final Pattern SPLIT = Pattern.compile("-\\d{5}-of-\\d{5}$");
    private static final Pattern TOKEN = Pattern.compile("[a-z]+|\\d+(?:\\.\\d+)*");
    private static final Pattern PARAMS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmbt])", Pattern.CASE_INSENSITIVE);
    private static final Set<String> INSTRUCT_TOKENS = Set.of("instruct", "chat");
    private static final Set<String> BASE_TOKENS = Set.of("text", "base");

    /** A name taken apart: its normalised form and what its decoration said. */
    record Normalised(String form, String ollamaBase, String ollamaTag, boolean embeddingMarked) { }

    private final Catalog catalog;
    private final Map<String, ModelSpec> byExact = new HashMap<>();
    private final Map<String, ModelSpec> byAlias = new HashMap<>();
    /** normalised form → keys of the models it names (more than one: ambiguous, matches none) */
    private final Map<String, Set<String>> byForm = new HashMap<>();
    /** normalised Ollama {@code base:tag} → keys, from aliases with a tag */
    private final Map<String, Set<String>> byOllama = new HashMap<>();
    private final Map<String, ModelSpec> byKey = new HashMap<>();
    /** Aliases without publisher or tag ({@code nomic-embed-text}): Ollama names, so "x:latest" is "x". */
    private final Map<String, ModelSpec> bareAliases = new HashMap<>();
    private final Set<String> publishers = new HashSet<>();
    /** For suggestions: lower-cased names without publisher, per key. */
    private final Map<String, List<String>> plainNames = new LinkedHashMap<>();

    NameResolver(Catalog catalog) {
        this.catalog = catalog;
        for (ModelSpec m : catalog.models()) {
            byKey.put(m.key(), m);
            addPublisher(m.key());
            for (String a : m.aliases()) {
                addPublisher(a);
            }
        }
        for (ModelSpec m : catalog.models()) {
            byExact.put(m.key().toLowerCase(Locale.ROOT), m);
            for (String a : m.aliases()) {
                if (a.indexOf('/') < 0 && a.indexOf(':') < 0) {
                    bareAliases.putIfAbsent(a.toLowerCase(Locale.ROOT), m);
                }
            }
            List<String> names = new ArrayList<>();
            names.add(m.key());
            names.addAll(m.aliases());
            names.add(m.displayName());
            for (String n : names) {
                byAlias.putIfAbsent(n.toLowerCase(Locale.ROOT), m);
                Normalised x = normalise(n);
                if (x.ollamaTag() != null) {
                    byOllama.computeIfAbsent(x.ollamaBase() + ":" + x.ollamaTag(), k -> new LinkedHashSet<>()).add(m.key());
                } else if (!x.form().isEmpty()) {
                    byForm.computeIfAbsent(x.form(), k -> new LinkedHashSet<>()).add(m.key());
                }
            }
            List<String> plain = new ArrayList<>();
            for (String n : names) {
                String p = n.toLowerCase(Locale.ROOT);
                plain.add(p.substring(p.lastIndexOf('/') + 1));
            }
            plainNames.put(m.key(), List.copyOf(new LinkedHashSet<>(plain)));
        }
    }

    private void addPublisher(String name) {
        int slash = name.indexOf('/');
        if (slash > 0) {
            publishers.add(name.substring(0, slash).toLowerCase(Locale.ROOT));
        }
    }

    /** The catalog this index was built for. */
    public Catalog catalog() { return catalog; }

    /** Most names {@link #resolve(String)} remembers before it forgets them all (bounds hostile input). */
    private static final int MEMO_LIMIT = 4096;
    /** Answers of {@link #resolve(String)} by lower-cased name: a repeated request costs one lookup. */
    private final Map<String, Optional<Resolution>> memo = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * One name, with no evidence beyond the name ({@code /models/{name}}, the plan endpoint). Answers are
     * remembered per index (so per catalog version): an exact or alias hit costs ~0.1 µs, a normalised
     * one ~3–5 µs the first time, then a map lookup.
     */
    public Optional<Resolution> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String k = name.trim().toLowerCase(Locale.ROOT);
        Optional<Resolution> r = memo.get(k);
        if (r == null) {
            r = resolve(List.of(name), Evidence.NONE);
            if (memo.size() >= MEMO_LIMIT) {
                memo.clear();
            }
            memo.put(k, r);
        }
        return r;
    }

    /**
     * The catalog entry that one of {@code candidates} (most specific first) names, checked against
     * {@code evidence}. Each pass runs over all candidates before the next, weaker pass.
     */
    public Optional<Resolution> resolve(List<String> candidates, Evidence evidence) {
        Evidence ev = evidence == null ? Evidence.NONE : evidence;
        // A name that points at an entry the evidence contradicts makes the copy inconsistent (an id
        // saying llama3.1 8B with metadata saying Llama 3.2 3B): then nothing matches, rather than
        // whichever of the two a later candidate happens to name.
        boolean conflict = false;
        for (String c : candidates) {
            ModelSpec m = byExact.get(c.trim().toLowerCase(Locale.ROOT));
            if (m != null) {
                if (!agrees(m, ev, false)) {
                    conflict = true;
                } else if (!conflict) {
                    return Optional.of(new Resolution(m, MatchKind.EXACT, c));
                }
            }
        }
        for (String c : candidates) {
            String lower = c.trim().toLowerCase(Locale.ROOT);
            ModelSpec m = byAlias.get(lower);
            // Ollama: "llama3.1" is "llama3.1:latest", and the reverse
            if (m == null && lower.indexOf(':') < 0 && lower.indexOf('/') < 0) {
                m = byAlias.get(lower + ":latest");
            } else if (m == null && lower.endsWith(":latest")) {
                m = bareAliases.get(lower.substring(0, lower.length() - 7));
            }
            if (m != null) {
                if (!agrees(m, ev, false)) {
                    conflict = true;
                } else if (!conflict) {
                    return Optional.of(new Resolution(m, MatchKind.ALIAS, c));
                }
            }
        }
        for (String c : candidates) {
            Optional<ModelSpec> m = normalised(c, Evidence.NONE);
            if (m.isPresent()) {
                if (!agrees(m.get(), ev, true)) {
                    conflict = true;
                } else if (!conflict) {
                    return Optional.of(new Resolution(m.get(), MatchKind.NORMALISED, c));
                }
            }
        }
        if (!conflict && ev.basename() != null && ev.sizeLabel() != null) {
            String fromMetadata = ev.basename().trim() + "-" + ev.sizeLabel().trim()
                    + (ev.finetune() == null || ev.finetune().isBlank() ? "" : "-" + ev.finetune().trim());
            fromMetadata = fromMetadata.replaceAll("\\s+", "-");
            Optional<ModelSpec> m = normalised(fromMetadata, Evidence.NONE);
            if (m.isPresent() && ev.architecture() != null && agrees(m.get(), ev, true)) {
                return Optional.of(new Resolution(m.get(), MatchKind.GGUF_METADATA, fromMetadata));
            }
        }
        return Optional.empty();
    }

    private Optional<ModelSpec> normalised(String name, Evidence ev) {
        Normalised n = normalise(name);
        if (n.ollamaTag() != null) {
            // An Ollama tag: the catalog's Ollama aliases first, the tag relaxed step by step.
            List<String> tag = new ArrayList<>(List.of(n.ollamaTag().split("-")));
            Optional<ModelSpec> m = unique(byOllama.get(n.ollamaBase() + ":" + String.join("-", tag)), n, ev, false);
            if (m.isPresent() || tag.equals(List.of("latest"))) {
                // ":latest" is whatever Ollama's default tag is today ("deepseek-r1:latest" is an 8B
                // distill, not DeepSeek-R1): only a catalog alias may say which model it is
                return m;
            }
            // Ollama's plain size tag is the instruct model ("-text" is the base one): an "-instruct" tag
            // may match the plain tag, but only an entry that is not a base model.
            if (tag.remove("instruct") || tag.remove("chat")) {
                m = unique(byOllama.get(n.ollamaBase() + ":" + String.join("-", tag)), n, ev, true);
                if (m.isPresent()) {
                    return m;
                }
            }
            // Then as one name, "qwen2.5:7b-instruct" = "qwen2.5-7b-instruct"; a tag that says neither
            // instruct nor base may only name an entry that is not a base model.
            List<String> all = new ArrayList<>(List.of(n.ollamaTag().split("-")));
            boolean saysBase = all.stream().anyMatch(BASE_TOKENS::contains);
            all.removeIf(t -> t.equals("text"));
            String joined = n.ollamaBase() + (all.isEmpty() ? "" : "-" + String.join("-", all));
            Optional<ModelSpec> g = unique(byForm.get(joined), n, ev, false);
            if (g.isPresent() && isBase(g.get()) == saysBase) {
                return g;
            }
            // Ollama names the instruct model by its plain tag: "qwen3-coder:30b-a3b" is
            // Qwen3-Coder-30B-A3B-Instruct. Only when the tag says nothing of tuning.
            if (!saysBase && all.stream().noneMatch(INSTRUCT_TOKENS::contains)) {
                g = unique(byForm.get(joined + "-instruct"), n, ev, true);
                if (g.isPresent()) {
                    return g;
                }
            }
            return Optional.empty();
        }
        return n.form().isEmpty() ? Optional.empty() : unique(byForm.get(n.form()), n, ev, false);
    }

    private Optional<ModelSpec> unique(Set<String> keys, Normalised n, Evidence ev, boolean mustBeTuned) {
        if (keys == null || keys.size() != 1) {
            return Optional.empty();
        }
        ModelSpec m = byKey.get(keys.iterator().next());
        if (mustBeTuned && isBase(m)) {
            return Optional.empty();
        }
        if (n.embeddingMarked() && m.type() != ModelType.EMBEDDING) {
            return Optional.empty();
        }
        return agrees(m, ev, true) ? Optional.of(m) : Optional.empty();
    }

    private static boolean isBase(ModelSpec m) {
        return "base".equalsIgnoreCase(m.tuning());
    }

    /** Whether what is known about an installed copy is consistent with entry {@code m}. */
    private static boolean agrees(ModelSpec m, Evidence ev, boolean strictArchitecture) {
        if (ev.type() != null && ev.type() != m.type()) {
            return false;
        }
        Long stated = ev.parameterCount() != null && ev.parameterCount() > 0 ? ev.parameterCount()
                : parseParams(ev.paramsString()).orElse(null);
        if (stated != null && m.params() > 0) {
            double ratio = (double) stated / m.params();
            if (ratio < 0.55 || ratio > 1.8) {
                return false;
            }
        }
        return !strictArchitecture || ev.architecture() == null || m.architecture() == null
                || ev.architecture().equalsIgnoreCase(m.architecture());
    }

    /** {@code 270M} → 270 000 000, {@code 8B}, {@code 30B-A3B} → the total; empty when not a count. */
    static Optional<Long> parseParams(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Matcher x = PARAMS.matcher(s.trim());
        if (!x.lookingAt()) {
            return Optional.empty();
        }
        double v = Double.parseDouble(x.group(1));
        double unit = switch (Character.toLowerCase(x.group(2).charAt(0))) {
            case 'k' -> 1e3;
            case 'm' -> 1e6;
            case 'b' -> 1e9;
            default -> 1e12;
        };
        return Optional.of(Math.round(v * unit));
    }

    /**
     * The normalised form of a name: lower case; no URL host, publisher ({@code owner/} or a catalog
     * owner glued with {@code _}, as bartowski writes {@code google_gemma-3-4b-it}), {@code .gguf},
     * split suffix, LM Studio {@code @variant}; trailing quantization and packaging parts stripped
     * until none is left; {@code text-embedding-} prefix and {@code -embedding} suffix stripped (and
     * remembered); then split into letter runs and number runs ({@code Qwen2.5-7B} → {@code qwen-2.5-7-b})
     * with {@code it} read as {@code instruct} and {@code qat} dropped.
     */
    Normalised normalise(String raw) {
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
                return new Normalised(String.join("-", tokens), null, null, embedding);
            }
            return new Normalised(String.join("-", tokens) + ":" + String.join("-", tagTokens),
                    String.join("-", tokens), String.join("-", tagTokens), embedding);
        }
        return new Normalised(String.join("-", tokens), null, null, embedding);
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

    // --- suggestions ---------------------------------------------------------------------------

    /**
     * Up to {@code max} catalog keys nearest to {@code name} by edit distance (Damerau: a swapped pair
     * of letters counts one) between the name without publisher and any of a model's names without
     * publisher, closest first; only names within about a third of the name's length are offered.
     * Called on a 404 only (≈280 models × their names, under a millisecond).
     */
    public List<String> suggestions(String name, int max) {
        String q = name.trim().toLowerCase(Locale.ROOT);
        q = q.substring(q.lastIndexOf('/') + 1);
        int limit = Math.max(2, q.length() / 3);
        record Near(String key, int distance) { }
        List<Near> near = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : plainNames.entrySet()) {
            int best = Integer.MAX_VALUE;
            for (String n : e.getValue()) {
                if (Math.abs(n.length() - q.length()) <= limit) {
                    best = Math.min(best, distance(q, n, Math.min(limit, best)));
                }
            }
            if (best <= limit) {
                near.add(new Near(e.getKey(), best));
            }
        }
        near.sort(Comparator.comparingInt(Near::distance).thenComparing(Near::key));
        List<String> out = new ArrayList<>();
        for (Near n : near) {
            if (out.size() == max) {
                break;
            }
            out.add(n.key());
        }
        return Collections.unmodifiableList(out);
    }

    /** Optimal-string-alignment distance (Levenshtein plus adjacent transposition). */
    static int distance(String a, String b) {
        return distance(a, b, Integer.MAX_VALUE - 1);
    }

    /**
     * The same, giving up once every cell of a row exceeds {@code limit} (the distance can only grow):
     * then {@code limit + 1}. Three rolling rows, no allocation per cell.
     */
    static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
