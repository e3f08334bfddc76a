/**
 * The only place that starts child processes: timeout, LC_ALL=C, typed outcome (ok / missing / timed out / exit code).
 *
 * <p>May use: nothing. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.process;
