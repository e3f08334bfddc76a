/**
 * The terminal view (top, models, model, system): argument parsing, tables, the same services without an HTTP server.
 *
 * <p>May use: api, service, config, query, labels, fit, estimate, catalog, hardware, inventory. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.cli;
