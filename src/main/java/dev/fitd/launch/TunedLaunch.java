package dev.fitd.launch;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gives {@code java -jar fitd.jar} the container image's JVM flags when the user gave none of their own.
 *
 * <p>Why: a plain {@code java -jar} sizes the heap from the machine (a quarter of RAM, G1, C2): on the
 * 2-core build box that daemon reached 737 MB RSS under load and was ready in 2.5–3.9 s, against
 * 140 MB and 1.3 s with the Dockerfile's flags. The heap ceiling and the garbage collector can only be
 * chosen when a JVM starts, so in-process tuning cannot reach them.
 *
 * <p>How: when serving, and when neither the command line nor {@code JDK_JAVA_OPTIONS},
 * {@code JAVA_TOOL_OPTIONS} or {@code _JAVA_OPTIONS} set a heap, GC or compiler flag, the process
 * replaces itself ({@code execve}, through JNA, which OSHI already brings) with the same {@code java}
 * binary started with {@link #FLAGS} (the Dockerfile's {@code JDK_JAVA_OPTIONS}, checked equal by
 * {@code TunedLaunchTest}), the user's own {@code -D} options, {@code -jar} the same jar, and the same
 * arguments. Same process id, same standard streams, same signals and exit code: nothing lingers
 * in between, and {@code kill}, systemd and a benchmark's RSS reading see the daemon itself. The
 * cost is one JVM start to the point of {@code main} (measured in bench/results.md).
 *
 * <p>It does nothing (and the daemon runs in this JVM, as started) when: {@value #OPT_OUT_PROPERTY}
 * is {@code false} or {@value #OPT_OUT_ENV} is {@code false}/{@code 0}; the user chose JVM flags;
 * this JVM is already the re-executed one ({@value #MARKER_PROPERTY}); the OS is not Linux (macOS
 * refuses {@code execve} in a process with several threads; Windows has none); or JNA cannot load.
 * Each case but the first two is logged on standard error in one line.
 */
public final class TunedLaunch {
    /** The image's flags (Dockerfile {@code ENV JDK_JAVA_OPTIONS}); the Dockerfile explains each. */
    public static final String FLAGS = "-XX:+UseSerialGC -Xms48m -Xmx96m -XX:MinHeapFreeRatio=20 -Xmn16m "
            + "-XX:SurvivorRatio=4 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k "
            + "-XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:-UsePerfData "
            + "-XX:TrimNativeHeapInterval=5000";
    public static final String OPT_OUT_PROPERTY = "fitd.launch.tune";
    public static final String OPT_OUT_ENV = "FITD_LAUNCH_TUNE";
    /** Set on the re-executed JVM, so it never re-executes again. */
    public static final String MARKER_PROPERTY = "fitd.launch.tuned";
    /** Environment variables through which a user gives the JVM options. */
    static final List<String> JVM_OPTION_VARIABLES = List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

    private TunedLaunch() { }

    /** What to do for this JVM, and why. */
    public record Decision(boolean relaunch, String reason) { }

    /**
     * Replaces this process with a tuned JVM when {@link #decide} says so; returns only when it did not
     * (the caller then serves in this JVM).
     */
    public static void execIfUntuned(String... args) {
        List<String> cmdline = procCmdline();
        int jarAt = cmdline == null ? -1 : cmdline.indexOf("-jar");
        // The JVM options are what stands between the java binary and -jar (read from /proc rather than
        // through the management beans, which cost this extra JVM start ~50 ms of class loading).
        List<String> inputArguments = jarAt < 0 ? List.of() : cmdline.subList(1, jarAt);
        Decision d = decide(inputArguments, System.getenv(), System.getProperties());
        if (!d.relaunch()) {
            if (d.reason() != null) {
                System.err.println("fitd: running with this JVM's own settings: " + d.reason());
            }
            return;
        }
        if (jarAt < 0 || jarAt + 1 >= cmdline.size()) {
            System.err.println("fitd: running with this JVM's own settings: not started with -jar");
            return;
        }
        String jar = cmdline.get(jarAt + 1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = command(java, knownFlags(FLAGS, Runtime.version()), inputArguments, jar, Arrays.asList(args));
        Map<String, String> env = new TreeMap<>(System.getenv());
        // glibc otherwise keeps up to 8 malloc arenas per core for the JVM's threads (as in the image).
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        String failure = exec(argv, env);
        System.err.println("fitd: running with this JVM's own settings: could not re-execute with fitd's "
                + "JVM defaults (" + failure + ")");
    }

    /** This process's command line (Linux), or null. */
    private static List<String> procCmdline() {
        try {
            String raw = Files.readString(Path.of("/proc/self/cmdline"), java.nio.charset.StandardCharsets.UTF_8);
            return List.of(raw.split("\0"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether to re-execute: only when nothing says otherwise. Pure, for tests.
     *
     * @return a decision; its reason is null when the user's choice needs no remark
     */
    public static Decision decide(List<String> inputArguments, Map<String, String> env, java.util.Properties props) {
        if (props.getProperty(MARKER_PROPERTY) != null) {
            return new Decision(false, null);
        }
        String opt = props.getProperty(OPT_OUT_PROPERTY, env.getOrDefault(OPT_OUT_ENV, "true")).strip()
                .toLowerCase(Locale.ROOT);
        if (opt.equals("false") || opt.equals("0") || opt.equals("no")) {
            return new Decision(false, null);
        }
        for (String var : JVM_OPTION_VARIABLES) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return new Decision(false, null);
            }
        }
        for (String a : inputArguments) {
            if (isTuningFlag(a)) {
                return new Decision(false, null);
            }
        }
        String os = props.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return new Decision(false, "re-executing with fitd's JVM defaults works on Linux only; give "
                    + "the flags yourself (docs/operations.md, \"Memory and JVM flags\")");
        }
        return new Decision(true, null);
    }

    /**
     * A JVM option that shows the user chose how the JVM runs: heap, GC, compiler, class archive,
     * stack, or an options file. {@code -D} properties, agents and logging options are not.
     */
    static boolean isTuningFlag(String a) {
        if (a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-Xshare") || a.startsWith("-Xint")
                || a.startsWith("-Xcomp") || a.startsWith("@")) {
            return true;
        }
        if (!a.startsWith("-XX:")) {
            return false;
        }
        String name = a.substring(4).replaceFirst("^[+-]", "").replaceFirst("=.*$", "");
        return name.endsWith("GC") || name.contains("Heap") || name.contains("RAM") || name.contains("Metaspace")
                || name.contains("Tiered") || name.contains("Compiler") || name.contains("CodeCache")
                || name.contains("SharedArchive") || name.contains("ArchiveClasses") || name.contains("NewSize")
                || name.contains("SurvivorRatio") || name.contains("Flags") || name.equals("UseCompressedOops");
    }

    /** The re-executed command line: java, flags, the marker, the user's options, -jar, the arguments. */
    static List<String> command(String java, String flags, List<String> inputArguments, String jar, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(Arrays.asList(flags.trim().split("\\s+")));
        argv.add("-D" + MARKER_PROPERTY + "=true");
        argv.addAll(inputArguments);
        argv.add("-jar");
        argv.add(jar);
        argv.addAll(args);
        return argv;
    }

    /**
     * The flags this JVM knows: {@code -XX:TrimNativeHeapInterval} exists from 17.0.9, 21.0.1 and 22 on
     * (not in 18-20); an unknown flag would stop the new JVM from starting at all.
     */
    static String knownFlags(String flags, Runtime.Version v) {
        boolean trim = v.feature() >= 22 || v.feature() == 21 && v.update() >= 1 || v.feature() == 17 && v.update() >= 9;
        return trim ? flags : flags.replaceAll("\\s*-XX:TrimNativeHeapInterval=\\S+", "");
    }

    interface LibC extends Library {
        int execve(String path, String[] argv, String[] envp);

        int fcntl(int fd, int cmd, int arg);
    }

    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;

    /** execve; returns only on failure, with what failed. */
    private static String exec(List<String> argv, Map<String, String> env) {
        LibC libc;
        try {
            if (!Platform.isLinux()) {
                return "not Linux";
            }
            // By its file name: JNA would look "c" up by running ldconfig -p (a process, ~50 ms).
            LibC loaded;
            try {
                loaded = Native.load("libc.so.6", LibC.class);
            } catch (UnsatisfiedLinkError notGlibc) {
                loaded = Native.load("c", LibC.class);
            }
            libc = loaded;
        } catch (Throwable e) {
            return "JNA: " + e;
        }
        // Descriptors this JVM opened (its jar, the class archive) would otherwise be inherited by the
        // new image; close-on-exec leaves them open for any thread still using them until the exec.
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : fds) {
                int fd = Integer.parseInt(p.getFileName().toString());
                if (fd > 2) {
                    libc.fcntl(fd, F_SETFD, FD_CLOEXEC);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not fatal: the new JVM only inherits a few descriptors
        }
        System.out.flush();
        System.err.flush();
        String[] envp = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        libc.execve(argv.get(0), argv.toArray(String[]::new), envp);
        return "execve failed, errno " + Native.getLastError();
    }
}
