/**
 * The filter/sort/limit grammar: raw strings in, an immutable ModelQuery or a precise error out (pure).
 *
 * <p>May use: fit, estimate, catalog, hardware. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.query;
