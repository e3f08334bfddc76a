/**
 * Inventory source for GGUF files on disk: {@link dev.fitd.inventory.files.GgufScanner} walks the configured
 * folders (and the default LM Studio / Ollama / Jan model folders), reads each header once per file change
 * and joins split files.
 */
package dev.fitd.inventory.files;
