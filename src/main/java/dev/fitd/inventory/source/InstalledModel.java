package dev.fitd.inventory.source;

import dev.fitd.catalog.Capabilities;
import dev.fitd.catalog.ModelType;
import dev.fitd.inventory.gguf.GgufFacts;
import java.util.Objects;

/**
 * One model a runtime has on disk, as that runtime reports it. Every field but {@code runtime},
 * {@code id} and {@code type} may be null: unknown is not zero.
 *
 * @param runtime where it was found
 * @param id the runtime's own identifier: LM Studio {@code key}, Ollama {@code name}
 *        ({@code llama3.2:latest}), Jan {@code id}, or for a GGUF file its path below the scanned
 *        directory without {@code .gguf} (an Ollama blob: its manifest name)
 * @param displayName human-readable name
 * @param publisher publisher or owner as the runtime reports it
 * @param type llm or embedding
 * @param architecture llama.cpp architecture name ({@code llama}, {@code gemma3}…) or the runtime's family
 * @param quantization quantization name of the installed variant, e.g. {@code Q4_K_M}, {@code 4bit}
 * @param bitsPerWeight bits per weight: LM Studio's nominal label, or exact for a GGUF file
 *        (tensor bytes × 8 / elements)
 * @param sizeBytes bytes of the weights: LM Studio {@code size_bytes}, Ollama {@code size}, Jan
 *        {@code metadata.size}, GGUF: exact sum of tensor data
 * @param parameterCount parameters, when stated ({@code general.parameter_count}) or counted (GGUF tensor elements)
 * @param format {@code gguf}, {@code mlx}, {@code safetensors}…
 * @param paramsString human-readable parameter count ({@code 7B}, {@code 26B-A4B})
 * @param maxContextLength longest context the model supports, tokens
 * @param capabilities vision / tool use / reasoning when the runtime reports them
 * @param path file path when known
 * @param digest content digest when known (Ollama {@code digest}, GGUF blob sha256)
 * @param selectedVariant LM Studio's selected variant ({@code google/gemma-4-26b-a4b@q4_k_m})
 * @param gguf exact architecture facts from GGUF metadata when known (GGUF file, Ollama {@code /api/show})
 */
public record InstalledModel(
        RuntimeKind runtime,
        String id,
        String displayName,
        String publisher,
        ModelType type,
        String architecture,
        String quantization,
        Double bitsPerWeight,
        Long sizeBytes,
        Long parameterCount,
        String format,
        String paramsString,
        Integer maxContextLength,
        Capabilities capabilities,
        String path,
        String digest,
        String selectedVariant,
        GgufFacts gguf) {

    public InstalledModel {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(id, "id");
        type = type == null ? ModelType.LLM : type;
    }

    /**
     * A copy with GGUF facts attached: the architecture name comes from them (it is exact), and they
     * fill gaps in quantization, parameters, params string and context.
     */
    public InstalledModel withGguf(GgufFacts facts) {
        if (facts == null) {
            return this;
        }
        return new InstalledModel(runtime, id, displayName, publisher,
                facts.isEmbedding() ? ModelType.EMBEDDING : type,
                facts.architecture() != null ? facts.architecture() : architecture,
                quantization != null ? quantization : facts.fileTypeName(),
                bitsPerWeight, sizeBytes,
                parameterCount != null ? parameterCount : facts.parameterCount(),
                format, paramsString != null ? paramsString : facts.sizeLabel(),
                maxContextLength != null ? maxContextLength : facts.contextLength(),
                capabilities, path, digest, selectedVariant, facts);
    }

    /** A copy with other capabilities. */
    public InstalledModel withCapabilities(Capabilities caps) {
        return new InstalledModel(runtime, id, displayName, publisher, type, architecture, quantization, bitsPerWeight,
                sizeBytes, parameterCount, format, paramsString, maxContextLength, caps, path, digest, selectedVariant, gguf);
    }
}
