/**
 * Fit level, score, ranking, the hardware plan (POST /api/v1/plan) (pure).
 *
 * <p>May use: estimate, catalog, hardware. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.fit;
