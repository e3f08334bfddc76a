/**
 * The plain jar re-executing itself (execve) with the container image's JVM flags when the user gave none.
 *
 * <p>May use: nothing (JDK, JNA). The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.launch;
