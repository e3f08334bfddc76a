/**
 * One class per vendor tool or sysfs source: a thin acquire step and a pure parse(List&lt;String&gt;).
 *
 * <p>May use: hardware, process. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.hardware.gpu;
