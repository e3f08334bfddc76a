/**
 * Inventory source for Ollama's API (/api/tags, /api/ps, /api/version, /api/show): a client that polls it and a package-private parser fed captured
 * answers from {@code src/test/resources/fixtures/runtimes/ollama/}.
 */
package dev.fitd.inventory.ollama;
