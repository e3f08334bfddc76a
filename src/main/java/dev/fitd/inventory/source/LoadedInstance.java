package dev.fitd.inventory.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One model instance a runtime holds in memory. Null means the runtime did not say.
 *
 * @param runtime where it runs
 * @param modelId the {@link InstalledModel#id()} it is an instance of
 * @param id instance id (LM Studio: {@code loaded_instances[].id}, e.g. {@code key:2}; Ollama: the model name)
 * @param contextLength context the instance was loaded with, tokens
 * @param parallel parallel prediction slots
 * @param evalBatchSize prompt-processing batch, tokens
 * @param flashAttention whether flash attention is on
 * @param numExperts experts used per token (MoE)
 * @param offloadKvCacheToGpu whether the KV cache lives in GPU memory
 * @param sizeBytes total memory of the instance (Ollama {@code size})
 * @param vramBytes the part of it in GPU memory (Ollama {@code size_vram})
 * @param expiresAt when the runtime will unload it (Ollama {@code expires_at})
 */
public record LoadedInstance(
        RuntimeKind runtime,
        String modelId,
        String id,
        Integer contextLength,
        Integer parallel,
        Integer evalBatchSize,
        Boolean flashAttention,
        Integer numExperts,
        Boolean offloadKvCacheToGpu,
        Long sizeBytes,
        Long vramBytes,
        Instant expiresAt) {

    public LoadedInstance {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(modelId, "modelId");
        id = id == null ? modelId : id;
    }
}
