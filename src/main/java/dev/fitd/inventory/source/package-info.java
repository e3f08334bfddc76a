/**
 * What every inventory source reports ({@link dev.fitd.inventory.source.RuntimePoll} with a
 * {@link dev.fitd.inventory.source.RuntimeListing} of installed models and loaded instances, a
 * {@link dev.fitd.inventory.source.RuntimeStatus}), the {@link dev.fitd.inventory.source.RuntimeClient}
 * contract each implements, their plain settings, and the model-name normalisation shared by parsers and
 * the join. Depends on nothing else of the inventory but the GGUF facts an installed copy may carry.
 */
package dev.fitd.inventory.source;
