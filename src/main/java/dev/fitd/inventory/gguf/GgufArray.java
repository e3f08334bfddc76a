package dev.fitd.inventory.gguf;

import java.util.List;

/**
 * A metadata array. {@code values} holds the elements when there are at most
 * {@link GgufLimits#retainedArrayElements()} of them; longer arrays (tokenizer vocabularies, merges)
 * are read past and only their type and length are kept, so {@code values} is then empty and
 * {@code retained} false.
 *
 * @param elementType type of the elements
 * @param length declared number of elements
 * @param values the elements (Java types as in {@link GgufFile#metadata()}), or empty when not retained
 * @param retained whether {@code values} holds all elements
 */
record GgufArray(GgufValueType elementType, long length, List<Object> values, boolean retained) {
    public GgufArray {
        values = List.copyOf(values);
    }
}
