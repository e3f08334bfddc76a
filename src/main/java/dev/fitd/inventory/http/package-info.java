/**
 * The HTTP plumbing shared by the LM Studio, Ollama and Jan clients: one bounded request (connect and read
 * timeouts, an overall deadline, a body size cap, bearer token), outcome classification into
 * {@link dev.fitd.inventory.source.RuntimeState}s, and lenient JSON field readers.
 */
package dev.fitd.inventory.http;
