/**
 * The container's health-check client and the AppCDS training helper.
 *
 * <p>May use: nothing. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.ops;
