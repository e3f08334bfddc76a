package dev.fitd.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link CommandRunner} over {@link ProcessBuilder}.
 *
 * <ul>
 *   <li>Environment: inherited, with {@code LC_ALL=C} and {@code LANG=C} so tools print numbers with a
 *       decimal point and English messages whatever the user's locale.</li>
 *   <li>Timeout: on expiry the process's descendants are killed first (collected while the parent is
 *       still alive, since orphans are re-parented and no longer findable), then the process itself.
 *       A hung {@code nvidia-smi} must never hold a refresh thread.</li>
 *   <li>Output: stdout and stderr are drained concurrently (a full pipe would block the child) and
 *       capped at {@value #MAX_LINES} lines each; stdin is closed.</li>
 * </ul>
 */
final class ProcessCommandRunner implements CommandRunner {

    /** Enough for any vendor tool's listing on a 16-GPU node; a tool printing more is misbehaving. */
    static final int MAX_LINES = 10_000;

    private static final Duration DRAIN_GRACE = Duration.ofMillis(500);

    private final Duration timeout;

    public ProcessCommandRunner(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
    }

    @Override
    public CommandOutcome run(List<String> command) {
        if (command.isEmpty() || command.get(0).isBlank()) {
            return new CommandOutcome.Missing(command, "empty command");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException | SecurityException e) {
            return new CommandOutcome.Missing(command, reason(e));
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the child may already have exited; nothing to send either way
        }
        CompletableFuture<List<String>> stdout = drain(process.getInputStream());
        CompletableFuture<List<String>> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                return new CommandOutcome.TimedOut(command, timeout);
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new CommandOutcome.TimedOut(command, timeout);
        }
        List<String> out = collect(stdout);
        List<String> err = collect(stderr);
        int exit = process.exitValue();
        return exit == 0
                ? new CommandOutcome.Ok(command, out)
                : new CommandOutcome.Failed(command, exit, out, err);
    }

    private static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<List<String>> drain(InputStream stream) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (lines.size() < MAX_LINES) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // stream closed under us (process killed): keep what was read
            }
            result.complete(lines);
        }, "fitd-command-output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    /** The output read so far; a grandchild holding the pipe open must not block us past a short grace. */
    private static List<String> collect(CompletableFuture<List<String>> lines) {
        try {
            return lines.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,") || message.contains("No such file")) {
            return "not found";
        }
        if (message.contains("error=13,") || message.contains("Permission denied")) {
            return "permission denied";
        }
        return message;
    }
}
