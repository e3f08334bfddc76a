package dev.fitd.inventory.gguf;

import dev.fitd.estimate.GgmlType;
import java.util.List;

/**
 * One tensor's header entry; its data is never loaded.
 *
 * @param name tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param dims dimensions, innermost first (ggml {@code ne[0..n_dims-1]})
 * @param type element type
 * @param offset byte offset of the data from the start of the data section
 * @param bytes exact size of the data in bytes
 */
record GgufTensorInfo(String name, List<Long> dims, GgmlType type, long offset, long bytes) {
    public GgufTensorInfo {
        dims = List.copyOf(dims);
    }

    /** Number of elements (product of the dimensions). */
    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
