package dev.fitd.inventory;

import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.LoadedInstance;
import dev.fitd.inventory.source.RuntimeKind;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where one model (a catalog entry or an uncatalogued local model) is installed and loaded: what a
 * row shows as {@code installed}, {@code installed_in[]} and {@code loaded_instances[]}.
 *
 * @param installedIn every runtime copy, in {@link RuntimeKind} order then id
 * @param loadedInstances every instance in memory
 */
public record ModelPresence(List<InstalledModel> installedIn, List<LoadedInstance> loadedInstances) {

    public static final ModelPresence NONE = new ModelPresence(List.of(), List.of());

    public ModelPresence {
        installedIn = installedIn.stream()
                .sorted(Comparator.comparing(InstalledModel::runtime).thenComparing(InstalledModel::id)).toList();
        loadedInstances = loadedInstances.stream()
                .sorted(Comparator.comparing(LoadedInstance::runtime).thenComparing(LoadedInstance::id)).toList();
    }

    /** Installed in at least one runtime or found as a file. */
    public boolean installed() { return !installedIn.isEmpty(); }

    /** At least one instance is in memory. */
    public boolean loaded() { return !loadedInstances.isEmpty(); }

    /**
     * The copy whose quantization and size the row's figures should use: a copy that is loaded, else
     * a GGUF file (its size is exact tensor bytes), else one that reports a size, else the first.
     */
    public Optional<InstalledModel> preferred() {
        Comparator<InstalledModel> rank = Comparator
                .comparing((InstalledModel m) -> !isLoaded(m))
                .thenComparing(m -> m.runtime() != RuntimeKind.GGUF)
                .thenComparing(m -> m.sizeBytes() == null)
                .thenComparing(m -> m.quantization() == null)
                .thenComparing(InstalledModel::runtime)
                .thenComparing(InstalledModel::id);
        return installedIn.stream().min(rank);
    }

    /** The first loaded instance (its context length and parallel slots describe how it runs now). */
    public Optional<LoadedInstance> firstLoaded() {
        return loadedInstances.stream().findFirst();
    }

    private boolean isLoaded(InstalledModel m) {
        return loadedInstances.stream().anyMatch(i -> i.runtime() == m.runtime() && i.modelId().equals(m.id()));
    }
}
