/**
 * Inventory source for LM Studio's REST API (/api/v1/models, falling back to /api/v0/models): a client that polls it and a package-private parser fed captured
 * answers from {@code src/test/resources/fixtures/runtimes/lmstudio/}.
 */
package dev.fitd.inventory.lmstudio;
