package dev.fitd.process;

import java.time.Duration;
import java.util.List;

/**
 * What became of one command. Callers switch over the four cases; none of them is an exception, because
 * a missing or hung vendor tool is an ordinary fact about a machine, not an error in fitd.
 */
public sealed interface CommandOutcome {

    /** The command as it was run, for warnings ({@code nvidia-smi --query-gpu=...}). */
    List<String> command();

    /** A one-line description for a warning, e.g. {@code nvidia-smi: not found}. */
    String describe();

    /** Exit code 0; {@code lines} is standard output split into lines. */
    record Ok(List<String> command, List<String> lines) implements CommandOutcome {
        public Ok {
            command = List.copyOf(command);
            lines = List.copyOf(lines);
        }

        @Override
        public String describe() {
            return name(command) + ": ok (" + lines.size() + " lines)";
        }
    }

    /** The executable could not be started (not on PATH, not executable). */
    record Missing(List<String> command, String reason) implements CommandOutcome {
        public Missing {
            command = List.copyOf(command);
        }

        @Override
        public String describe() {
            return name(command) + ": not available (" + reason + ")";
        }
    }

    /** The command did not finish in time; it and every process it started were killed. */
    record TimedOut(List<String> command, Duration after) implements CommandOutcome {
        public TimedOut {
            command = List.copyOf(command);
        }

        @Override
        public String describe() {
            return name(command) + ": timed out after " + after.toMillis() + " ms and was killed";
        }
    }

    /** The command ran and exited with a non-zero code. */
    record Failed(List<String> command, int exitCode, List<String> stdout, List<String> stderr)
            implements CommandOutcome {
        public Failed {
            command = List.copyOf(command);
            stdout = List.copyOf(stdout);
            stderr = List.copyOf(stderr);
        }

        @Override
        public String describe() {
            String first = stderr.isEmpty() ? (stdout.isEmpty() ? "" : stdout.get(0)) : stderr.get(0);
            return name(command) + ": exit code " + exitCode + (first.isBlank() ? "" : " (" + first.strip() + ")");
        }
    }

    private static String name(List<String> command) {
        return command.isEmpty() ? "<empty command>" : command.get(0);
    }
}
