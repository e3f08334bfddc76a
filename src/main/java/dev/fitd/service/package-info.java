/**
 * The composition root (holds the one process-wide handover slot, CatalogPreload): current hardware snapshot, catalog and inventory with their versions, background refresh and catalog reload, result caches, metrics, readiness.
 *
 * <p>May use: config, query, labels, fit, estimate, catalog, hardware, hardware.probe, inventory, process. The table of every package, with what it owns and may use, is
 * {@code docs/architecture.md}; {@code ArchitectureTest} keeps the code to it.
 */
package dev.fitd.service;
