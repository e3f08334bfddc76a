package dev.fitd.service;

import dev.fitd.catalog.ModelSpec;
import dev.fitd.config.KubernetesConfig;
import dev.fitd.estimate.EstimateRequest;
import dev.fitd.fit.FitEvaluator;
import dev.fitd.fit.FitResult;
import dev.fitd.hardware.HardwareSnapshot;
import dev.fitd.labels.LabelSyntax;
import dev.fitd.labels.NodeLabels;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps {@code fitd.kubernetes.nfd-features-file} current: node labels ({@link NodeLabels}) for the
 * configured models, graded at the estimator's defaults against the current snapshot and catalog.
 * Checked at start and every {@code fitd.kubernetes.nfd-check-interval}; the labels are rebuilt only
 * when the snapshot, catalog or local-inventory version moved, and the file is written only when its
 * content differs from what is on disk: NFD relabels the node for every change it sees.
 *
 * <p>Written atomically as node-feature-discovery asks: the content goes to a dot-file in the same
 * directory (NFD ignores dot-files), which is then renamed over the feature file, so nfd-worker never
 * reads half a file. A write that fails is logged (once per distinct error) and retried at the next check.
 */
@ApplicationScoped
public class NfdFeatureFile {
    private static final Logger LOG = Logger.getLogger(NfdFeatureFile.class);
    /** NFD ignores a feature file larger than this (its local source's limit, 64 kB). */
    static final int MAX_FILE_BYTES = 64 * 1024;

    @Inject
    KubernetesConfig config;
    @Inject
    StateHolder states;
    @Inject
    FitEvaluator evaluator;

    private Map<String, String> names;
    private FitdState.Versions seen;
    private String lastError;
    private String lastMissing;

    /** Whether {@code key} comes from a configuration source of the user's, not from its built-in default. */
    private static boolean givenByUser(String key) {
        org.eclipse.microprofile.config.ConfigValue v =
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getConfigValue(key);
        return v.getRawValue() != null && v.getSourceName() != null && !v.getSourceName().contains("Default")
                && !v.getSourceName().contains("default");
    }

    /**
     * Checks the configuration (prefix, model list against the catalog) and writes the file once.
     *
     * @throws IllegalArgumentException naming the property, so the daemon does not start with a label list it
     *         would silently shorten
     */
    void start(@Observes StartupEvent event) {
        if (config.nfdFeaturesFile().isEmpty()) {
            for (String key : List.of("fitd.kubernetes.nfd-models", "fitd.kubernetes.nfd-label-prefix")) {
                if (givenByUser(key)) {
                    LOG.warnf("%s is set but fitd.kubernetes.nfd-features-file is not: no node-label file is written", key);
                }
            }
            return;
        }
        LabelSyntax.prefixProblem(config.nfdLabelPrefix()).ifPresent(p -> {
            throw new IllegalArgumentException("fitd.kubernetes.nfd-label-prefix: " + p);
        });
        try {
            names = NodeLabels.modelNames(config.nfdModels());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fitd.kubernetes.nfd-models: " + e.getMessage(), e);
        }
        List<String> unknown = config.nfdModels().stream()
                .filter(k -> find(states.current().catalog().catalog().models(), k).isEmpty())
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("fitd.kubernetes.nfd-models: not in the catalog: " + String.join(", ", unknown)
                    + " (keys are exact, e.g. meta-llama/Llama-3.1-8B-Instruct; see GET /api/v1/models?search=...)");
        }
        Path file = config.nfdFeaturesFile().get();
        if (file.getFileName() == null || file.getFileName().toString().startsWith(".")) {
            throw new IllegalArgumentException("fitd.kubernetes.nfd-features-file: '" + file
                    + "' must name a file that does not start with '.' (NFD ignores dot-files)");
        }
        check();
        LOG.infof("node labels for %d models in %s (prefix %s)", names.size(), file, config.nfdLabelPrefix());
    }

    /** The periodic check; never throws (the scheduler would only log it every time). */
    @Scheduled(identity = "fitd-nfd-features", every = "${fitd.kubernetes.nfd-check-interval:5s}",
            delayed = "${fitd.kubernetes.nfd-check-interval:5s}", skipExecutionIf = Off.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            check();
        } catch (RuntimeException e) {
            report("node labels not updated: " + e);
        }
    }

    /**
     * Rebuilds the labels if anything they depend on changed and writes the file if they differ.
     *
     * @return true when the file was written
     */
    public synchronized boolean check() {
        if (names == null) {
            return false;
        }
        FitdState state = states.current();
        if (state == null) {
            return false;
        }
        if (state.versions().equals(seen)) {
            return false;
        }
        String content = NodeLabels.render(labels(state.hardware(), state.catalog().catalog().models()));
        boolean written = writeIfChanged(config.nfdFeaturesFile().get(), content);
        if (lastError == null) {
            // Remember what was labelled only once it is on disk: a failed write is retried at the next check.
            seen = state.versions();
        }
        return written;
    }

    /** The label lines for this snapshot: hardware, then each configured model the catalog still has. */
    List<String> labels(HardwareSnapshot hw, List<ModelSpec> catalog) {
        List<FitResult> graded = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String key : names.keySet()) {
            Optional<ModelSpec> m = find(catalog, key);
            if (m.isPresent()) {
                graded.add(evaluator.evaluate(m.get(), hw, EstimateRequest.DEFAULTS));
            } else {
                missing.add(key);
            }
        }
        String missingNow = String.join(", ", missing);
        if (!missing.isEmpty() && !missingNow.equals(lastMissing)) {
            LOG.warnf("node labels: the catalog no longer has %s; their labels are left out", missingNow);
        }
        lastMissing = missingNow;
        return NodeLabels.lines(config.nfdLabelPrefix(), hw, names, graded);
    }

    private static Optional<ModelSpec> find(List<ModelSpec> models, String key) {
        return models.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /**
     * Writes {@code content} to {@code file} through a dot-file renamed into place, unless the file already
     * holds exactly that. Logs (once per distinct problem) and returns false when it cannot.
     */
    boolean writeIfChanged(Path file, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FILE_BYTES) {
            report("node labels not written: " + bytes.length + " bytes is over NFD's " + MAX_FILE_BYTES
                    + "-byte feature-file limit; shorten fitd.kubernetes.nfd-models");
            return false;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            if (Files.isRegularFile(file) && content.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                return false;
            }
            Files.write(temp, bytes);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the default mode stays
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (lastError != null) {
                LOG.infof("node labels written to %s again", file);
            }
            lastError = null;
            LOG.debugf("node labels written to %s: %s", file,
                    content.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining(" ")));
            return true;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next write replaces it
            }
            report("node labels not written to " + file + ": " + e);
            return false;
        }
    }

    private void report(String problem) {
        if (!problem.equals(lastError)) {
            LOG.error(problem);
        }
        lastError = problem;
    }

    /** Skips the scheduled check when no feature file is configured. */
    public static class Off implements Scheduled.SkipPredicate {
        @Inject
        KubernetesConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return config.nfdFeaturesFile().isEmpty();
        }
    }
}
