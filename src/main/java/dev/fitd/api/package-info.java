/**
 * JAX-RS resources, filters and exception mappers, every JSON shape (response records and serializers), the one error shape, the response micro-cache; the only package with jakarta.ws.rs.
 *
 * <p>May use: service, config, query, labels, fit, estimate, catalog, hardware, inventory. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.api;
