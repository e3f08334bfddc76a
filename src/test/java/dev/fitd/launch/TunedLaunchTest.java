package dev.fitd.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TunedLaunchTest {

    private static Properties linux(String... kv) {
        Properties p = new Properties();
        p.setProperty("os.name", "Linux");
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void theFlagsAreTheDockerfiles() throws Exception {
        Matcher m = Pattern.compile("(?m)^ENV JDK_JAVA_OPTIONS=\"([^\"]*)\"").matcher(Files.readString(Path.of("Dockerfile")));
        assertTrue(m.find(), "the Dockerfile sets JDK_JAVA_OPTIONS");
        assertEquals(m.group(1), TunedLaunch.FLAGS, "TunedLaunch.FLAGS must be the image's flags, so the plain jar "
                + "and the image run the same JVM settings");
    }

    @Test
    void aPlainStartRelaunches() {
        TunedLaunch.Decision d = TunedLaunch.decide(List.of("-Dquarkus.http.port=1"), Map.of("HOME", "/x"), linux());
        assertTrue(d.relaunch());
    }

    @Test
    void theUsersOwnJvmFlagsWin() {
        for (String flag : List.of("-Xmx2g", "-Xms64m", "-Xss1m", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=50",
                "-XX:TieredStopAtLevel=1", "-XX:SharedArchiveFile=a.jsa", "-XX:ArchiveClassesAtExit=a.jsa",
                "-XX:MaxHeapSize=1g", "-XX:-UseCompressedOops", "-Xshare:off", "-XX:Flags=.hotspotrc")) {
            assertFalse(TunedLaunch.decide(List.of(flag), Map.of(), linux()).relaunch(), flag);
        }
        for (String other : List.of("-Dx=y", "-ea", "-javaagent:a.jar", "-Xlog:gc", "-XX:+UnlockDiagnosticVMOptions",
                "-Djava.io.tmpdir=/tmp", "-XX:+HeapDumpOnOutOfMemoryError".replace("Heap", "Crash"))) {
            assertTrue(TunedLaunch.decide(List.of(other), Map.of(), linux()).relaunch(), other);
        }
        for (String var : TunedLaunch.JVM_OPTION_VARIABLES) {
            assertFalse(TunedLaunch.decide(List.of(), Map.of(var, "-Xmx1g"), linux()).relaunch(), var);
            assertTrue(TunedLaunch.decide(List.of(), Map.of(var, " "), linux()).relaunch(), "blank " + var);
        }
    }

    @Test
    void optOutAndNoLoop() {
        assertFalse(TunedLaunch.decide(List.of(), Map.of(), linux("fitd.launch.tune", "false")).relaunch());
        assertFalse(TunedLaunch.decide(List.of(), Map.of("FITD_LAUNCH_TUNE", "0"), linux()).relaunch());
        assertTrue(TunedLaunch.decide(List.of(), Map.of("FITD_LAUNCH_TUNE", "0"), linux("fitd.launch.tune", "true"))
                .relaunch(), "the property overrides the environment");
        TunedLaunch.Decision again = TunedLaunch.decide(List.of(), Map.of(), linux(TunedLaunch.MARKER_PROPERTY, "true"));
        assertFalse(again.relaunch());
        assertNull(again.reason(), "the re-executed JVM says nothing");
    }

    @Test
    void onlyLinuxAndItSaysWhy() {
        Properties mac = linux();
        mac.setProperty("os.name", "Mac OS X");
        TunedLaunch.Decision d = TunedLaunch.decide(List.of(), Map.of(), mac);
        assertFalse(d.relaunch());
        assertTrue(d.reason().contains("Linux only"), d.reason());
    }

    @Test
    void theNewCommandKeepsTheUsersOptionsJarAndArguments() {
        List<String> argv = TunedLaunch.command("/jdk/bin/java", "-Xmx96m -XX:+UseSerialGC",
                List.of("-Dquarkus.http.port=9"), "target/fitd.jar", List.of("serve", "--port", "9"));
        assertEquals(List.of("/jdk/bin/java", "-Xmx96m", "-XX:+UseSerialGC", "-Dfitd.launch.tuned=true",
                "-Dquarkus.http.port=9", "-jar", "target/fitd.jar", "serve", "--port", "9"), argv);
    }

    @Test
    void trimmingIsLeftOutWhereTheJdkHasNoSuchFlag() {
        assertEquals(TunedLaunch.FLAGS, TunedLaunch.knownFlags(TunedLaunch.FLAGS, Runtime.Version.parse("17.0.15")));
        assertEquals(TunedLaunch.FLAGS, TunedLaunch.knownFlags(TunedLaunch.FLAGS, Runtime.Version.parse("25")));
        for (String old : List.of("17.0.8", "18", "20.0.2", "21")) {
            String flags = TunedLaunch.knownFlags(TunedLaunch.FLAGS, Runtime.Version.parse(old));
            assertFalse(flags.contains("TrimNativeHeapInterval"), old);
            assertTrue(flags.endsWith("-XX:-UsePerfData"), old + ": " + flags);
        }
    }
}
