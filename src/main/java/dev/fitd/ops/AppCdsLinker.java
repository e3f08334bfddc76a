package dev.fitd.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Links every class the AppCDS training run loaded, so that the archive keeps them.
 *
 * <p>JDK 17 writes a dynamic archive ({@code -XX:ArchiveClassesAtExit}) only of classes that were
 * <em>linked</em> by the time the JVM exits; a class that was loaded but never linked ("Skipping ...: Not
 * linked" in {@code -Xlog:cds}) is parsed from its jar again at every start. In fitd's training run that
 * was ~950 classes (Jackson, Netty, Vert.x and JDK classes loaded by reflection or annotation scans).
 * {@code make-appcds.sh} runs the daemon with {@code -Xlog:class+load=info:file=LOG} and
 * {@code -Dfitd.appcds.link-classes=LOG}; at shutdown {@link dev.fitd.Main} calls {@link #linkAll},
 * which reads the log and links each named class ({@link Class#getDeclaredMethods()} links a class
 * before reflecting on it). Linking loads further classes (the types in method signatures); those were
 * not used by the run and stay out: following them for eight rounds grew the archive from 41 to 53 MB
 * and made start-up slower, since every megabyte of archive is relocated at each start. Measured on the
 * 2-core build machine: classes loaded from jars at start 1022 → 132, start-to-ready 25–50 ms shorter
 * (docs/operations.md).
 */
public final class AppCdsLinker {
    /** The system property naming the class-load log; set only by make-appcds.sh. */
    public static final String PROPERTY = "fitd.appcds.link-classes";
    private static final String TAG = "[class,load] ";

    private AppCdsLinker() { }

    /** What a run of {@link #linkAll} did. */
    public record Outcome(int linked, int failed) { }

    /**
     * Links every class named in {@code log} that {@code loader} can find.
     *
     * @throws UncheckedIOException when the log cannot be read
     */
    public static Outcome linkAll(Path log, ClassLoader loader) {
        List<String> names;
        try {
            names = classNames(Files.readAllLines(log));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class-load log " + log, e);
        }
        Set<String> seen = new HashSet<>();
        int linked = 0;
        int failed = 0;
        for (String name : names) {
            if (!seen.add(name)) {
                continue;
            }
            try {
                Class.forName(name, false, loader).getDeclaredMethods();
                linked++;
            } catch (LinkageError | ClassNotFoundException | SecurityException e) {
                failed++;   // an optional dependency that is absent: nothing to archive
            }
        }
        return new Outcome(linked, failed);
    }

    /**
     * The class names in {@code -Xlog:class+load=info} lines, such as
     * {@code [0.256s][info][class,load] dev.fitd.Main source: shared objects file}. Hidden classes
     * (lambdas, method-handle forms: their names hold a {@code /}) cannot be looked up by name and are left out.
     */
    static List<String> classNames(List<String> lines) {
        return lines.stream()
                .map(line -> {
                    int tag = line.indexOf(TAG);
                    if (tag < 0) {
                        return null;
                    }
                    int start = tag + TAG.length();
                    int end = line.indexOf(' ', start);
                    return end < 0 ? line.substring(start) : line.substring(start, end);
                })
                .filter(name -> name != null && !name.isEmpty() && name.indexOf('/') < 0)
                .toList();
    }
}
