package dev.fitd.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real {@code sh -c} commands: the runner's job is to deal with real processes. */
class ProcessCommandRunnerTest {

    private final CommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(5));

    @Test
    void okReturnsStdoutLines() {
        CommandOutcome outcome = runner.run("sh", "-c", "printf 'a, 1\\nb, 2\\n'");
        CommandOutcome.Ok ok = assertInstanceOf(CommandOutcome.Ok.class, outcome);
        assertEquals(List.of("a, 1", "b, 2"), ok.lines());
    }

    @Test
    void okWithNoOutputIsEmptyLines() {
        CommandOutcome.Ok ok = assertInstanceOf(CommandOutcome.Ok.class, runner.run("sh", "-c", "true"));
        assertEquals(List.of(), ok.lines());
    }

    @Test
    void localeIsForcedToC() {
        CommandOutcome.Ok ok = assertInstanceOf(CommandOutcome.Ok.class,
                runner.run("sh", "-c", "echo \"$LC_ALL $LANG\""));
        assertEquals(List.of("C C"), ok.lines());
    }

    @Test
    void missingExecutable() {
        CommandOutcome outcome = runner.run("fitd-no-such-tool-4711", "--version");
        CommandOutcome.Missing missing = assertInstanceOf(CommandOutcome.Missing.class, outcome);
        assertEquals("not found", missing.reason());
        assertTrue(missing.describe().startsWith("fitd-no-such-tool-4711: not available"));
    }

    @Test
    void notExecutableFileIsMissing(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("tool"), "#!/bin/sh\necho hi\n");
        CommandOutcome outcome = runner.run(script.toString());
        assertInstanceOf(CommandOutcome.Missing.class, outcome);
    }

    @Test
    void emptyCommandIsMissing() {
        assertInstanceOf(CommandOutcome.Missing.class, runner.run(List.of()));
    }

    @Test
    void nonZeroExitKeepsStderr() {
        CommandOutcome outcome = runner.run("sh", "-c",
                "echo partial; echo 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the NVIDIA driver.' >&2; exit 9");
        CommandOutcome.Failed failed = assertInstanceOf(CommandOutcome.Failed.class, outcome);
        assertEquals(9, failed.exitCode());
        assertEquals(List.of("partial"), failed.stdout());
        assertEquals(1, failed.stderr().size());
        assertTrue(failed.describe().contains("exit code 9 (NVIDIA-SMI has failed"), failed.describe());
    }

    @Test
    void timeoutKillsTheWholeProcessTree(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        CommandRunner quick = new ProcessCommandRunner(Duration.ofMillis(700));
        long start = System.nanoTime();
        // sh starts a background sleep (a grandchild of the JVM) and waits for it
        CommandOutcome outcome = quick.run("sh", "-c", "sleep 30 & echo $! > " + pidFile + "; wait");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        CommandOutcome.TimedOut timedOut = assertInstanceOf(CommandOutcome.TimedOut.class, outcome);
        assertEquals(Duration.ofMillis(700), timedOut.after());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);

        long childPid = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(gone(childPid), "the background sleep " + childPid + " survived the timeout");
    }

    @Test
    void outputIsCapped() {
        CommandOutcome.Ok ok = assertInstanceOf(CommandOutcome.Ok.class,
                runner.run("sh", "-c", "seq 1 20000"));
        assertEquals(ProcessCommandRunner.MAX_LINES, ok.lines().size());
    }

    @Test
    void timeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ProcessCommandRunner(Duration.ZERO));
    }

    /** Dead, or a zombie waiting for a reaper (an orphan in a container without an init). */
    private static boolean gone(long pid) throws Exception {
        for (int i = 0; i < 40; i++) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive() || zombie(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void describeNamesTheTool() {
        assertFalse(new CommandOutcome.TimedOut(List.of("nvidia-smi", "-L"), Duration.ofSeconds(3))
                .describe().contains("-L"));
    }
}
