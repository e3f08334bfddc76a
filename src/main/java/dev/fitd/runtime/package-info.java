/**
 * Local runtime discovery: what LM Studio, Ollama and Jan have installed and loaded, and GGUF files
 * on disk, joined onto catalog rows.
 *
 * <ul>
 * <li>Parsers ({@link dev.fitd.runtime.LmStudioParser}, {@link dev.fitd.runtime.OllamaParser},
 * {@link dev.fitd.runtime.JanParser}) are pure: JSON text in, a {@link dev.fitd.runtime.ParseResult} out,
 * never an exception.</li>
 * <li>Clients ({@link dev.fitd.runtime.LmStudioClient}, {@link dev.fitd.runtime.OllamaClient},
 * {@link dev.fitd.runtime.JanClient}, {@link dev.fitd.runtime.GgufScanner}) never throw and never
 * outlast connect + read timeout per request.</li>
 * <li>{@link dev.fitd.runtime.RuntimeRegistry} polls them in the background and publishes an immutable
 * {@link dev.fitd.runtime.RuntimeInventory}; reading it never blocks.</li>
 * <li>{@link dev.fitd.runtime.InventoryJoiner} maps the inventory onto the catalog
 * ({@link dev.fitd.runtime.ModelPresence} per catalog key) and describes uncatalogued models as
 * {@link dev.fitd.runtime.LocalModel}s; see there how their memory figures are obtained.</li>
 * </ul>
 *
 * <p>Only JDK, Jackson and the catalog types are used here; configuration arrives as the plain
 * {@link dev.fitd.runtime.RuntimeSettings}.
 */
package dev.fitd.runtime;
