package dev.fitd.inventory;

import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.Catalog;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.NameResolver;
import dev.fitd.inventory.gguf.GgufArchitecture;
import dev.fitd.inventory.gguf.GgufFacts;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.ModelNames;
import dev.fitd.inventory.source.ParamsStrings;
import dev.fitd.inventory.source.RuntimeKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps what the runtimes report onto catalog entries, and describes the rest as {@link LocalModel}s.
 * Pure: built once per catalog, {@link #join} is a function of the inventory.
 *
 * <p><b>Matching.</b> Each installed model offers candidate names: its id, LM Studio's selected
 * variant, {@code publisher/id} when the id has no publisher, for a GGUF file its folder
 * ({@code lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF}) and file name, and last its GGUF
 * {@code general.name} with spaces as dashes. The catalog's {@link NameResolver} (one per catalog version)
 * resolves them (exact key, alias, normalised form, then GGUF {@code general.basename}/{@code size_label}/
 * {@code finetune}), checked against what the runtime says of the copy (type, parameter count, GGUF
 * architecture): see {@link NameResolver} for why that never joins the wrong row. How each copy matched is
 * kept ({@link JoinedInventory#matchedBy}) and shown in the row's {@code installed_in[].matched_by}.
 *
 * <p><b>Uncatalogued models.</b> Installed models that match nothing are grouped by
 * {@link ModelNames#canonicalBase} (so LM Studio's entry and the GGUF file it points at become one
 * row) and described from the preferred copy ({@link ModelPresence#preferred()}), with GGUF facts
 * from any copy that has them. See {@link LocalModel} for how such a row gets memory figures.
 */
public final class InventoryJoiner {
    private final Catalog catalog;

    public InventoryJoiner(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The catalog entry an installed model is a copy of, if any. */
    public Optional<ModelSpec> match(InstalledModel m) {
        return resolve(m).map(NameResolver.Resolution::model);
    }

    /** The catalog entry an installed model is a copy of and how its name matched, if any. */
    public Optional<NameResolver.Resolution> resolve(InstalledModel m) {
        return catalog.names().resolve(candidates(m), evidence(m));
    }

    /**
     * What the runtime states about a copy besides its names. The type counts only when it says
     * embedding (LM Studio's {@code type}, GGUF pooling metadata): llm is also what an unstated type
     * defaults to, so it proves nothing.
     */
    static NameResolver.Evidence evidence(InstalledModel m) {
        GgufFacts f = m.gguf();
        ModelType type = m.type() == ModelType.EMBEDDING ? ModelType.EMBEDDING : null;
        Long params = f != null && f.parameterCount() != null ? f.parameterCount() : m.parameterCount();
        return new NameResolver.Evidence(type, params, m.paramsString(),
                f == null ? null : f.architecture(), f == null ? null : f.basename(),
                f == null ? null : f.sizeLabel(), f == null ? null : f.finetune());
    }

    /** The names an installed model is known by, most specific first. */
    static List<String> candidates(InstalledModel m) {
        Set<String> out = new LinkedHashSet<>();
        out.add(m.id());
        if (m.selectedVariant() != null) {
            out.add(m.selectedVariant());
        }
        if (m.publisher() != null && m.id().indexOf('/') < 0 && m.runtime() != RuntimeKind.OLLAMA) {
            out.add(m.publisher() + "/" + m.id());
        }
        int slash = m.id().lastIndexOf('/');
        if (m.runtime() == RuntimeKind.GGUF && slash > 0) {
            out.add(m.id().substring(0, slash));
            out.add(m.id().substring(slash + 1));
        }
        GgufFacts f = m.gguf();
        if (f != null && f.name() != null) {
            out.add(f.name().trim().replaceAll("\\s+", "-"));
        }
        return List.copyOf(out);
    }

    /** Joins an inventory onto the catalog. */
    public JoinedInventory join(RuntimeInventory inventory) {
        Map<String, List<InstalledModel>> catalogued = new LinkedHashMap<>();
        Map<String, List<InstalledModel>> local = new LinkedHashMap<>();
        Map<String, String> groupOf = new HashMap<>(); // runtime:id -> "c:" + catalog key or "l:" + local group
        Map<String, String> matchedBy = new HashMap<>();
        for (InstalledModel m : inventory.installed()) {
            Optional<NameResolver.Resolution> res = resolve(m);
            Optional<ModelSpec> spec = res.map(NameResolver.Resolution::model);
            String group;
            if (spec.isPresent()) {
                matchedBy.putIfAbsent(m.runtime().wire() + ":" + m.id(), res.get().how().wire());
                catalogued.computeIfAbsent(spec.get().key(), k -> new ArrayList<>()).add(m);
                group = "c:" + spec.get().key();
            } else {
                String g = localGroup(m);
                local.computeIfAbsent(g, k -> new ArrayList<>()).add(m);
                group = "l:" + g;
            }
            groupOf.putIfAbsent(m.runtime() + ":" + m.id(), group);
        }
        Map<String, List<LoadedInstance>> loadedByGroup = new HashMap<>();
        for (LoadedInstance i : inventory.loaded()) {
            String group = groupOf.get(i.runtime() + ":" + i.modelId());
            if (group == null) {
                Optional<ModelSpec> spec = catalog.names().resolve(List.of(i.modelId()), NameResolver.Evidence.NONE)
                        .map(NameResolver.Resolution::model);
                group = spec.map(s -> "c:" + s.key()).orElse(null);
                if (group != null) {
                    catalogued.computeIfAbsent(spec.get().key(), k -> new ArrayList<>());
                }
            }
            if (group != null) {
                loadedByGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, ModelPresence> presence = new LinkedHashMap<>();
        catalogued.forEach((key, models) -> presence.put(key,
                new ModelPresence(models, loadedByGroup.getOrDefault("c:" + key, List.of()))));
        List<LocalModel> locals = new ArrayList<>();
        local.forEach((g, models) -> locals.add(describe(new ModelPresence(models, loadedByGroup.getOrDefault("l:" + g, List.of())))));
        locals.sort(Comparator.comparing(LocalModel::key));
        return new JoinedInventory(presence, locals, inventory, matchedBy);
    }

    private static String localGroup(InstalledModel m) {
        String id = m.id();
        int slash = id.lastIndexOf('/');
        if (m.runtime() == RuntimeKind.GGUF && slash > 0 && id.indexOf('/') < slash) {
            id = id.substring(0, slash); // publisher/Repo-GGUF/File → publisher/Repo-GGUF
        }
        return ModelNames.canonicalBase(id).toLowerCase(Locale.ROOT);
    }

    /** Describes an uncatalogued model from its copies. */
    static LocalModel describe(ModelPresence p) {
        InstalledModel best = p.preferred().orElseThrow();
        GgufFacts facts = best.gguf();
        InstalledModel factsFrom = best;
        if (facts == null) {
            for (InstalledModel m : p.installedIn()) {
                if (m.gguf() != null) {
                    facts = m.gguf();
                    factsFrom = m;
                    break;
                }
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> where = p.installedIn().stream().map(m -> m.runtime().displayName()).distinct().toList();
        notes.add("not in the catalog: described from what " + String.join(", ", where) + " report"
                + (where.size() == 1 ? "s" : ""));
        dev.fitd.catalog.Architecture arch = null;
        if (facts != null) {
            GgufArchitecture.Result r = GgufArchitecture.derive(facts);
            arch = r.architecture();
            notes.addAll(r.notes());
        }
        MemoryBasis basis;
        if (arch != null && best.sizeBytes() != null) {
            basis = MemoryBasis.EXACT;
            notes.add("weights: " + best.sizeBytes() + " bytes as installed (" + best.runtime().displayName()
                    + "); KV cache from GGUF metadata (" + factsFrom.runtime().displayName() + ")");
        } else {
            basis = MemoryBasis.WEIGHTS_ONLY;
            notes.add(best.sizeBytes() == null
                    ? "size unknown: " + best.runtime().displayName() + " does not report one"
                    : "weights: " + best.sizeBytes() + " bytes as installed (" + best.runtime().displayName() + ")");
            if (arch == null) {
                notes.add("KV cache unknown: no GGUF metadata for this model, so memory is a lower bound"
                        + " (add its folder to fitd.runtimes.gguf.dirs for exact figures)");
            }
        }
        String paramsString = first(best.paramsString(), facts == null ? null : facts.sizeLabel());
        Long params = best.parameterCount() != null ? best.parameterCount()
                : facts != null && facts.parameterCount() != null ? facts.parameterCount()
                : ParamsStrings.parse(paramsString).map(ParamsStrings.Count::total).orElse(null);
        Long active = ParamsStrings.parse(paramsString).map(ParamsStrings.Count::active).orElse(null);
        ModelType type = p.installedIn().stream().anyMatch(m -> m.type() == ModelType.EMBEDDING)
                || (facts != null && facts.isEmbedding()) ? ModelType.EMBEDDING : ModelType.LLM;
        Capabilities caps = p.installedIn().stream().map(InstalledModel::capabilities)
                .filter(c -> c != null).findFirst().orElse(null);
        Integer ctx = best.maxContextLength() != null ? best.maxContextLength()
                : facts != null ? facts.contextLength() : null;
        return new LocalModel(best.id(),
                first(best.displayName(), facts == null ? null : facts.name(), best.id()),
                first(best.publisher(), p.installedIn().stream().map(InstalledModel::publisher).filter(x -> x != null)
                        .findFirst().orElse(null)),
                type,
                first(facts == null ? null : facts.architecture(), best.architecture()),
                best.quantization(), best.bitsPerWeight(), best.sizeBytes(), params, active, paramsString, ctx,
                best.format(), caps, arch, basis, notes, p);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
