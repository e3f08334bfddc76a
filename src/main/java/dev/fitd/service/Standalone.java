package dev.fitd.service;

import dev.fitd.catalog.CatalogState;
import dev.fitd.config.CatalogConfig;
import dev.fitd.config.EstimateConfig;
import dev.fitd.config.HardwareConfig;
import dev.fitd.config.ServiceConfig;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.hardware.probe.HardwareProbes;
import dev.fitd.query.QueryParser;
import dev.fitd.inventory.JoinedInventory;

/**
 * The daemon's own services, wired by hand instead of by CDI, for the terminal view ({@code dev.fitd.cli}):
 * the same probe ({@link HardwareProducer}), catalog ({@link CatalogService}), estimator and parser
 * ({@link CoreProducer}) and {@link ModelService}, so a terminal answer is the API's answer for the same
 * query. Built once per command: one probe, one catalog read, no background refresh, no HTTP server.
 *
 * <p>Local runtimes (LM Studio, Ollama, Jan, GGUF folders) are not polled: the inventory is empty, so
 * rows are never installed or loaded here, exactly as on a daemon whose runtimes are disabled.
 */
public final class Standalone {
    private final SnapshotService snapshots;
    private final CatalogService catalogs;
    private final StateHolder states;
    private final ModelService models;
    private final QueryParser parser;

    /**
     * @throws IllegalArgumentException (or a catalog/profile exception) naming the configuration key or file
     *     that is wrong, as the daemon's start-up would
     */
    public Standalone(HardwareConfig hardware, ServiceConfig service, CatalogConfig catalog, EstimateConfig estimate) {
        CoreProducer core = new CoreProducer();
        this.parser = core.queryParser();
        // the probe first: the catalog is being read on the preload thread meanwhile (CatalogPreload)
        this.snapshots = new SnapshotService();
        snapshots.probe = HardwareProbes.configured(hardware.probeSettings(service.nodeName()), hardware.profile(),
                hardware.overrides());
        snapshots.start();
        this.catalogs = new CatalogService(catalog);
        CatalogService cs = catalogs;
        RuntimeService runtimes = new RuntimeService() {
            @Override
            public Current current() {
                return new Current(0, JoinedInventory.EMPTY, cs.current());
            }

            @Override
            Current published() {
                return current();
            }
        };
        this.states = new StateHolder(snapshots, runtimes);
        ModelService m = new ModelService();
        m.evaluator = core.fitEvaluator(estimate);
        m.states = states;
        m.config = service;
        m.init();
        this.models = m;
    }

    public ModelService models() { return models; }

    public QueryParser parser() { return parser; }

    /** The one state this command answers from (one probe, one catalog read, no inventory). */
    public FitdState state() { return states.current(); }

    public HardwareSnapshot snapshot() { return state().hardware(); }

    public CatalogState catalog() { return state().catalog(); }
}
