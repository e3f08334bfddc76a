package dev.fitd.estimate;

/**
 * Memory a model needs at one quantization and context, in bytes.
 *
 * @param weightsBytes quantized weights (including a vision projector)
 * @param kvCacheBytes KV cache (plus recurrent state) at the estimate's context and slots
 * @param overheadBytes runtime context and compute buffers
 */
public record MemoryBreakdown(long weightsBytes, long kvCacheBytes, long overheadBytes) {
    public long totalBytes() { return weightsBytes + kvCacheBytes + overheadBytes; }
}
