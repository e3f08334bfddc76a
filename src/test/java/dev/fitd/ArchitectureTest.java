package dev.fitd;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of {@code docs/architecture.md}, checked over every main class (test classes are
 * not imported). A failure lists each offending class with the dependency that broke the rule and
 * the source line, e.g. {@code Method <dev.fitd.fit.Grader.grade(..)> calls method
 * <dev.fitd.api.X.y()> in (Grader.java:42)}.
 *
 * <p>When the design moves a concern, change {@link #MAY_USE} and the table in
 * {@code docs/architecture.md} together: the two say the same thing.
 */
class ArchitectureTest {
    private static final String BASE = "dev.fitd";

    /**
     * The package that discovers the local apps (LM Studio, Ollama, Jan, GGUF files) and joins what
     * they hold onto the catalog. One constant, so renaming the package is a one-word change here.
     */
    static final String INVENTORY = "inventory";

    /** The framework and native libraries the pure core never sees. */
    private static final String[] FRAMEWORK = {
        "io.quarkus..", "jakarta..", "javax.ws..", "io.vertx..", "io.netty..", "io.micrometer..",
        "io.smallrye..", "org.eclipse.microprofile..", "org.jboss..", "oshi..", "com.sun.jna.."};

    /** The pure core: plain values and functions, reachable with {@code new} from a plain JUnit test. */
    private static final String[] CORE = {
        BASE + ".estimate..", BASE + ".fit..", BASE + ".query..", BASE + ".catalog.."};

    /**
     * Which package may use which (edges between {@code dev.fitd} packages only; the JDK, Jackson and
     * the framework are ruled on by the other tests). A row covers its package and its subpackages,
     * unless subpackages have rows of their own (as {@code hardware}'s do); so {@code INVENTORY} is one
     * row with all its subpackages. The root package holds {@code Main} and the start-up wiring and may
     * use everything.
     */
    static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("cli", List.of("api", "service", "config", "query", "labels", "fit", "estimate", "catalog",
                "hardware", INVENTORY));
        MAY_USE.put("api", List.of("service", "config", "query", "labels", "fit", "estimate", "catalog",
                "hardware", INVENTORY));
        MAY_USE.put("service", List.of("config", "query", "labels", "fit", "estimate", "catalog", "hardware",
                "hardware.probe", INVENTORY, "process"));
        MAY_USE.put("config", List.of("fit", "estimate", "catalog", "hardware", "hardware.probe", INVENTORY));
        MAY_USE.put("labels", List.of("fit", "estimate", "catalog", "hardware"));
        MAY_USE.put("query", List.of("fit", "estimate", "catalog", "hardware"));
        MAY_USE.put("fit", List.of("estimate", "catalog", "hardware"));
        MAY_USE.put("estimate", List.of("catalog", "hardware"));
        MAY_USE.put("catalog", List.of());
        // estimate: the GGML tensor-type table is shared by the estimator and the GGUF reader.
        MAY_USE.put(INVENTORY, List.of("catalog", "estimate", "process"));
        MAY_USE.put("hardware.probe", List.of("hardware", "hardware.gpu", "hardware.oshi", "hardware.profile",
                "process"));
        MAY_USE.put("hardware.gpu", List.of("hardware", "process"));
        MAY_USE.put("hardware.oshi", List.of("hardware"));
        MAY_USE.put("hardware.profile", List.of("hardware"));
        MAY_USE.put("hardware", List.of());
        MAY_USE.put("process", List.of());
        MAY_USE.put("launch", List.of());
        MAY_USE.put("ops", List.of());
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(BASE);
    }

    @Test
    void packagesUseOnlyTheirAllowedPackages() {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("root").definedBy(BASE);
        for (String pkg : MAY_USE.keySet()) {
            rule = rule.layer(pkg).definedBy(packageOf(pkg));
        }
        rule = rule.whereLayer("root").mayNotBeAccessedByAnyLayer();
        for (Map.Entry<String, List<String>> row : MAY_USE.entrySet()) {
            rule = row.getValue().isEmpty()
                    ? rule.whereLayer(row.getKey()).mayNotAccessAnyLayer()
                    : rule.whereLayer(row.getKey()).mayOnlyAccessLayers(row.getValue().toArray(String[]::new));
        }
        rule.ensureAllClassesAreContainedInArchitecture()
                .because("docs/architecture.md's table says which package may use which; a new package needs a row")
                .check(classes);
    }

    @Test
    void coreImportsNoFramework() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK)
                .because("the core (estimate, fit, query, catalog) is plain Java: a plain `new` in a plain JUnit "
                        + "test reaches all of it")
                .check(classes);
    }

    @Test
    void onlyApiImportsJaxRs() {
        noClasses().that().resideOutsideOfPackage(BASE + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.jboss.resteasy..")
                .because("HTTP is the api package's business: resources, filters and mappers live there")
                .check(classes);
    }

    @Test
    void onlyHardwareOshiImportsOshi() {
        noClasses().that().resideOutsideOfPackage(BASE + ".hardware.oshi..")
                .should().dependOnClassesThat().resideInAnyPackage("oshi..")
                .because("OSHI is one hardware source among several, behind the HardwareProbe seam")
                .check(classes);
    }

    @Test
    void onlyProcessStartsProcesses() {
        noClasses().that().resideOutsideOfPackage(BASE + ".process..")
                .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
                .orShould().callMethodWhere(target(name("exec")).and(target(owner(assignableTo(Runtime.class)))))
                .because("process gives every command a timeout, LC_ALL=C and a typed outcome")
                .check(classes);
    }

    /**
     * Native calls (JNA) stay in two places. {@code hardware.oshi}: OSHI is built on JNA. {@code launch}:
     * {@code TunedLaunch} replaces the JVM in place with {@code execve(2)} (same pid, streams, signals
     * and exit code) to give {@code java -jar} the image's heap and GC flags; a child started through
     * {@code process} would leave two JVMs alive and the daemon under another pid, so it cannot go there.
     */
    @Test
    void onlyOshiAndLaunchMakeNativeCalls() {
        noClasses().that().resideOutsideOfPackages(BASE + ".hardware.oshi..", BASE + ".launch..")
                .should().dependOnClassesThat().resideInAnyPackage("com.sun.jna..")
                .because("native calls are confined to OSHI and to TunedLaunch's execve (see its javadoc)")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(classes);
    }

    /** The test can fail: a rule given a forbidden edge reports the class and the dependency. */
    @Test
    void aBrokenRuleNamesTheClassAndTheDependency() {
        ArchRule estimateWithoutCatalog = noClasses().that().resideInAPackage(BASE + ".estimate..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".catalog..");
        AssertionError error = assertThrows(AssertionError.class, () -> estimateWithoutCatalog.check(classes));
        assertTrue(
                error.getMessage().matches("(?s).*<dev\\.fitd\\.estimate\\.\\w+.*<dev\\.fitd\\.catalog\\.\\w+.*"),
                error.getMessage());
    }

    /** A row's classes: the package and its subpackages, except subpackages that have rows of their own. */
    private static String packageOf(String pkg) {
        boolean subpackagesHaveRows = MAY_USE.keySet().stream().anyMatch(other -> other.startsWith(pkg + "."));
        return BASE + "." + pkg + (subpackagesHaveRows ? "" : "..");
    }

    /**
     * {@code docs/architecture.md}'s package table says the same as {@link #MAY_USE}: a row per package,
     * and its "may use" column names exactly the packages the rule allows (names in backticks; the
     * inventory package by its plain name; "nothing" and "everything" as they read). A newcomer reads the
     * table, so a table that drifted from the rule would mislead.
     */
    @Test
    void theDocsTableSaysWhatTheRuleChecks() throws IOException {
        Map<String, TreeSet<String>> documented = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| `([a-z.]+)`[^|]*\\| [^|]*\\| ([^|]*) \\|$");
        Pattern tick = Pattern.compile("`([a-z.]+)`");
        for (String line : Files.readAllLines(Path.of("docs/architecture.md"))) {
            Matcher m = row.matcher(line.strip());
            if (!m.matches() || m.group(1).equals(BASE)) {
                continue;
            }
            TreeSet<String> uses = new TreeSet<>();
            Matcher t = tick.matcher(m.group(2));
            while (t.find()) {
                uses.add(t.group(1));
            }
            if (m.group(2).matches("(^|.*[ ,])" + INVENTORY + "([ ,(].*|$)")) {
                uses.add(INVENTORY);
            }
            documented.put(m.group(1), uses);
        }
        Map<String, TreeSet<String>> checked = new LinkedHashMap<>();
        MAY_USE.forEach((pkg, uses) -> checked.put(pkg, new TreeSet<>(uses)));
        assertEquals(checked, documented, "docs/architecture.md's package table and ArchitectureTest.MAY_USE differ");
    }
}
