package dev.fitd.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

    private static final Pattern PARAMS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmbt])", Pattern.CASE_INSENSITIVE);
    private static final Set<String> INSTRUCT_TOKENS = Set.of("instruct", "chat");
    private static final Set<String> BASE_TOKENS = Set.of("text", "base");

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
    private final NameSuggestions suggestions;

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
                NameForm x = normalise(n);
                if (x.ollamaTag() != null) {
                    byOllama.computeIfAbsent(x.ollamaBase() + ":" + x.ollamaTag(), k -> new LinkedHashSet<>()).add(m.key());
                } else if (!x.form().isEmpty()) {
                    byForm.computeIfAbsent(x.form(), k -> new LinkedHashSet<>()).add(m.key());
                }
            }
        }
        suggestions = new NameSuggestions(catalog.models());
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
        NameForm n = normalise(name);
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

    private Optional<ModelSpec> unique(Set<String> keys, NameForm n, Evidence ev, boolean mustBeTuned) {
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

    /** The normalised form of {@code raw} against this catalog's publishers ({@link NameForm#of}). */
    NameForm normalise(String raw) {
        return NameForm.of(raw, publishers);
    }

    /**
     * Up to {@code max} catalog keys nearest to {@code name} by edit distance, closest first
     * ({@link NameSuggestions#suggestions}). Called on a 404 only.
     */
    public List<String> suggestions(String name, int max) {
        return suggestions.suggestions(name, max);
    }
}
