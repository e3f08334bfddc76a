/**
 * ModelSpec records, loading and validating catalog files, the name resolver and suggestions, parameter counts (pure).
 *
 * <p>May use: nothing (JDK, Jackson). The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.catalog;
