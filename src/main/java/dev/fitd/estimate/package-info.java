/**
 * Memory (weights, KV cache, overhead), placement and throughput arithmetic, calibration constants; every constant explained once with its source (pure).
 *
 * <p>May use: catalog, hardware. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.estimate;
