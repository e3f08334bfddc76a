/**
 * Inventory source for Jan's OpenAI-compatible /v1/models: a client that polls it and a package-private parser fed captured
 * answers from {@code src/test/resources/fixtures/runtimes/jan/}.
 */
package dev.fitd.inventory.jan;
