/**
 * The composite probe of this machine: asks each source, records which one answered.
 *
 * <p>May use: hardware, hardware.gpu, hardware.oshi, hardware.profile, process. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.hardware.probe;
