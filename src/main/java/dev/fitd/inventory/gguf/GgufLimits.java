package dev.fitd.inventory.gguf;

/**
 * Hard limits applied while reading a GGUF header, so that a hostile or damaged file cannot make the
 * reader allocate or loop without bound. Every declared length or count is also checked against the
 * bytes actually left in the file before anything is allocated.
 *
 * @param maxKeyBytes longest metadata key or tensor name (llama.cpp names are well under 256 bytes)
 * @param maxStringBytes longest string value (chat templates reach tens of KiB)
 * @param maxArrayElements most elements in one array (vocabularies are up to a few hundred thousand)
 * @param maxArrayDepth deepest nesting of arrays within arrays
 * @param maxMetadataEntries most metadata key-values
 * @param maxTensors most tensors in one file (large MoE models have a few thousand per file)
 * @param maxHeaderBytes most bytes read for the whole header
 * @param retainedArrayElements arrays up to this length keep their values; longer ones keep only their length
 */
record GgufLimits(int maxKeyBytes, int maxStringBytes, long maxArrayElements, int maxArrayDepth,
                         long maxMetadataEntries, long maxTensors, long maxHeaderBytes, int retainedArrayElements) {

    /** Generous limits for real model files. */
    public static final GgufLimits DEFAULT = new GgufLimits(
            64 * 1024, 16 * 1024 * 1024, 16L * 1024 * 1024, 4, 1L << 16, 1L << 20, 512L * 1024 * 1024, 4096);
}
