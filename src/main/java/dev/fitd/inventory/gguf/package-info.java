/**
 * The GGUF file-format reader: header, metadata and tensor infos, bounded by {@link dev.fitd.inventory.gguf.GgufLimits},
 * and the model facts ({@link dev.fitd.inventory.gguf.GgufFacts}) drawn from them. Tensor byte sizes come from
 * {@link dev.fitd.estimate.GgmlType}, the one ggml type table shared with the estimator.
 */
package dev.fitd.inventory.gguf;
