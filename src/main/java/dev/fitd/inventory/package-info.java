/**
 * Local inventory: which models the local apps (LM Studio, Ollama, Jan) and GGUF files on disk have
 * installed and loaded, joined onto catalog rows.
 *
 * <p><b>Naming.</b> This package was {@code dev.fitd.runtime}. "Runtime" now means only the inference
 * engine (llama.cpp, MLX) of {@code estimate} and of the {@code runtime} / {@code force_runtime} query
 * parameters. The local apps keep the word only where the user sees it: the {@code /api/v1/runtimes}
 * path, the {@code runtime} JSON field, the {@code fitd.runtimes.*} configuration keys, and the type
 * names that mirror them ({@code RuntimeKind}, {@code RuntimeStatus}, {@code RuntimeRegistry}).
 *
 * <p><b>Layout</b>, one package per thing talked to, with no cycles between packages:
 * <ul>
 * <li>{@code inventory.source}: what every source reports and the contract it implements
 * ({@link dev.fitd.inventory.source.RuntimeClient}, {@link dev.fitd.inventory.source.RuntimePoll},
 * {@link dev.fitd.inventory.source.InstalledModel}, {@link dev.fitd.inventory.source.LoadedInstance}),
 * the plain {@link dev.fitd.inventory.source.RuntimeSettings}, and name normalisation.</li>
 * <li>{@code inventory.http}: the bounded HTTP client and JSON helpers the three HTTP apps share.</li>
 * <li>{@code inventory.lmstudio}, {@code inventory.ollama}, {@code inventory.jan}: one client each
 * (public, built by the registry) and its pure parser (package-private: JSON text in, a
 * {@link dev.fitd.inventory.http.ParseResult} out, never an exception).</li>
 * <li>{@code inventory.files}: {@link dev.fitd.inventory.files.GgufScanner}, the GGUF files found in
 * configured folders.</li>
 * <li>{@code inventory.gguf}: the GGUF file-format reader; tensor sizes come from the one ggml type table,
 * {@link dev.fitd.estimate.GgmlType}.</li>
 * <li>this package: {@link dev.fitd.inventory.RuntimeRegistry} polls the sources in the background and
 * publishes an immutable {@link dev.fitd.inventory.RuntimeInventory} (reading it never blocks);
 * {@link dev.fitd.inventory.InventoryJoiner} maps it onto the catalog ({@link dev.fitd.inventory.ModelPresence}
 * per catalog key) and describes uncatalogued models as {@link dev.fitd.inventory.LocalModel}s.</li>
 * </ul>
 *
 * <p>Clients never throw and never outlast connect + read timeout per request. Only the JDK, Jackson (for
 * reading the apps' JSON), JBoss Logging, {@code catalog} and {@code estimate.GgmlType} are used here;
 * configuration arrives as plain records and JSON answers are shaped in {@code api}.
 */
package dev.fitd.inventory;
