package dev.fitd.inventory;

import dev.fitd.catalog.Architecture;
import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelSpec;
import dev.fitd.catalog.ModelType;
import dev.fitd.catalog.UseCase;
import dev.fitd.inventory.source.InstalledModel;
import java.util.List;
import java.util.Optional;

/**
 * A model installed locally but absent from the catalog, described from what the runtimes report.
 * It still becomes a row.
 *
 * <p><b>Memory figures.</b> Weights are {@link #weightsBytes()}: the installed bytes (a GGUF file's
 * exact tensor sum, else the runtime's {@code size_bytes} / {@code size}), never parameters × nominal
 * bits. When GGUF metadata is known (a file on disk, or Ollama's {@code /api/show}), {@link #arch()}
 * holds the exact architecture and {@link #toModelSpec()} gives a {@link ModelSpec} the estimator
 * sizes KV cache and overhead from, at {@link #quantization()}; the service then replaces the
 * estimate's weights with {@code weightsBytes} ({@link MemoryBasis#EXACT}). Without metadata there is
 * no architecture, {@code toModelSpec()} is empty, and the row can only show the weights, with the KV
 * cache unknown and the total a lower bound ({@link MemoryBasis#WEIGHTS_ONLY}).
 *
 * @param key the row key: the id of the preferred installed copy ({@code llama3.2:latest},
 *        {@code google/gemma-4-26b-a4b}, {@code pub/Repo-GGUF/File-Q4_K_M})
 * @param displayName name to show
 * @param publisher publisher as a runtime reports it
 * @param type llm or embedding
 * @param architecture llama.cpp architecture name, or the runtime's family
 * @param quantization quantization of the preferred copy
 * @param bitsPerWeight bits per weight of the preferred copy (exact for GGUF files, nominal for LM Studio)
 * @param weightsBytes installed weight bytes of the preferred copy, null when no runtime says
 * @param params total parameters when stated or counted, else from the params string, else null
 * @param activeParams active parameters from a {@code …-A3B} params string
 * @param paramsString human-readable parameter count
 * @param maxContextLength longest context, tokens
 * @param format file format
 * @param capabilities vision / tool use / reasoning as reported
 * @param arch exact architecture from GGUF metadata, null when unknown
 * @param memoryBasis how exact the memory figures can be
 * @param notes how the description was built (sources, gaps), for the row's {@code notes[]}
 * @param presence where it is installed and loaded
 */
public record LocalModel(
        String key,
        String displayName,
        String publisher,
        ModelType type,
        String architecture,
        String quantization,
        Double bitsPerWeight,
        Long weightsBytes,
        Long params,
        Long activeParams,
        String paramsString,
        Integer maxContextLength,
        String format,
        Capabilities capabilities,
        Architecture arch,
        MemoryBasis memoryBasis,
        List<String> notes,
        ModelPresence presence) {

    public LocalModel {
        notes = List.copyOf(notes);
    }

    /**
     * A catalog-shaped description the estimator accepts, present only when the architecture is
     * known. Fields the runtimes cannot know (release date, license, tuning) are null; use case is
     * {@code embedding} for embedding models and {@code general} otherwise; aliases are the ids of
     * every installed copy.
     */
    public Optional<ModelSpec> toModelSpec() {
        if (arch == null) {
            return Optional.empty();
        }
        List<String> aliases = presence.installedIn().stream().map(InstalledModel::id).filter(id -> !id.equals(key))
                .distinct().toList();
        return Optional.of(new ModelSpec(
                key,
                displayName,
                publisher == null ? "local" : publisher,
                publisher == null ? "local" : publisher,
                type,
                architecture == null ? "unknown" : architecture,
                params == null ? 0 : params,
                activeParams,
                false,
                false,
                paramsString,
                null,
                null,
                maxContextLength == null ? 0 : maxContextLength,
                type == ModelType.EMBEDDING ? UseCase.EMBEDDING : UseCase.GENERAL,
                null,
                null,
                capabilities == null ? new Capabilities(false, false, null) : capabilities,
                format == null ? List.of() : List.of(format),
                aliases,
                null,
                type == ModelType.EMBEDDING && arch.hiddenSize() <= Integer.MAX_VALUE ? (int) arch.hiddenSize() : null,
                arch));
    }
}
