/**
 * Hardware profiles (JSON files describing another machine) and the probe that reads one.
 *
 * <p>May use: hardware. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.hardware.profile;
