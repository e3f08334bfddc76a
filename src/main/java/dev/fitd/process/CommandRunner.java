package dev.fitd.process;

import java.time.Duration;
import java.util.List;

/**
 * Runs an external command and reports a typed {@link CommandOutcome}; never throws for a failing
 * command. The one seam through which fitd starts processes: tests of the sources that use it pass a
 * lambda returning canned outcomes.
 */
@FunctionalInterface
public interface CommandRunner {

    /** Runs {@code command} (executable first, then its arguments) and waits for it, within a timeout. */
    CommandOutcome run(List<String> command);

    /** Convenience for {@link #run(List)}. */
    default CommandOutcome run(String... command) {
        return run(List.of(command));
    }

    /** The real runner: {@link ProcessCommandRunner} with this timeout per command. */
    static CommandRunner system(Duration timeout) {
        return new ProcessCommandRunner(timeout);
    }
}
