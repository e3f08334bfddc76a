/**
 * The only package importing oshi.*.
 *
 * <p>May use: hardware. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.hardware.oshi;
