/**
 * @ConfigMapping interfaces, converted to plain records (EstimatorSettings, FitThresholds, probe settings) before they reach pure code.
 *
 * <p>May use: fit, estimate, catalog, hardware, hardware.probe, inventory. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.config;
