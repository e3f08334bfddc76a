/**
 * HardwareSnapshot, Gpu, memory records, the HardwareProbe seam, the device bandwidth table, what-if derivation, cgroup limits, provenance and warnings.
 *
 * <p>May use: nothing. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.hardware;
