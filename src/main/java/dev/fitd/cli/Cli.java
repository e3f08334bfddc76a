package dev.fitd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fitd.api.ApiViews;
import dev.fitd.config.CatalogConfig;
import dev.fitd.config.EstimateConfig;
import dev.fitd.config.HardwareConfig;
import dev.fitd.config.ServiceConfig;
import dev.fitd.query.Endpoint;
import dev.fitd.query.ModelQuery;
import dev.fitd.query.QueryException;
import dev.fitd.service.ModelService;
import dev.fitd.service.Standalone;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The terminal view: {@code java -jar fitd.jar top|models|system|model NAME [--flag value ...] [--json]}.
 * Answers one query from the daemon's own services ({@link Standalone}) without starting Quarkus or the HTTP
 * server, and prints an aligned table (ANSI colour only when stdout is a terminal and {@code NO_COLOR} is not
 * set) or, with {@code --json}, exactly the document the API would answer for the same query.
 *
 * <p>Every {@code --flag} is the API query parameter of the same name with dashes for underscores
 * ({@code --max-context 32768} is {@code max_context=32768}), also as {@code --flag=value}; the value is
 * checked by the API's own parser, so a bad one gets the API's message and exit status 2. The boolean
 * parameters ({@code --perfect}, {@code --include-too-tight}, {@code --installed}, {@code --loaded}) may be
 * given without a value, meaning {@code true}. Configuration ({@code -Dfitd.hardware.profile=...},
 * {@code FITD_*} environment variables) is read as the daemon reads it.
 */
public final class Cli {
    /** The commands; the first argument selects the terminal view only when it is one of these. */
    public static final Set<String> COMMANDS = Set.of("top", "models", "system", "model", "help");
    static final int OK = 0;
    static final int BAD_INPUT = 2;
    static final int FAILED = 1;
    private static final Set<String> BOOLEAN_FLAGS = Set.of("perfect", "include_too_tight", "installed", "loaded");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> extraConfig;
    private final boolean colour;

    Cli(PrintStream out, PrintStream err, Map<String, String> extraConfig, boolean colour) {
        this.out = out;
        this.err = err;
        this.extraConfig = extraConfig;
        this.colour = colour;
    }

    /** Whether {@code args} ask for the terminal view rather than the daemon. */
    public static boolean handles(String... args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs the command in {@code args} on the process's stdout/stderr and returns the exit status. */
    public static int main(String... args) {
        // dev.fitd.Startup has started reading the catalog and device table on a second thread (when run from Main)
        // the services log their start-up at INFO; a terminal answer prints only warnings besides itself
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("dev.fitd").setLevel(java.util.logging.Level.WARNING);
        return new Cli(System.out, System.err, Map.of(), stdoutIsTerminal() && System.getenv("NO_COLOR") == null)
                .run(args);
    }

    /**
     * Whether stdout is a terminal: {@link System#console()} is non-null only when both stdin and stdout are
     * (on Java 22+ it may exist for a redirected stdout too, and then {@code Console.isTerminal()} says).
     */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;   // before Java 22 a console exists only when stdout is a terminal
        }
    }

    /** A parsed command line: the command, the model name of {@code model}, the API parameters, --json. */
    record Command(String name, String model, Map<String, List<String>> params, boolean json) { }

    int run(String... args) {
        Command c;
        try {
            c = parse(args);
        } catch (QueryException e) {
            return bad(e.getMessage());
        }
        if (c.name().equals("help")) {
            out.print(usage());
            return OK;
        }
        Timing timing = new Timing(System.getenv("FITD_CLI_TIMING") != null ? err : null);
        try {
            Standalone fitd = new Standalone(config().getConfigMapping(HardwareConfig.class),
                    config().getConfigMapping(ServiceConfig.class), config().getConfigMapping(CatalogConfig.class),
                    config().getConfigMapping(EstimateConfig.class));
            timing.mark("config, probe and catalog");
            Object document;
            if (c.name().equals("system")) {
                if (!c.params().isEmpty()) {
                    String first = c.params().keySet().iterator().next();
                    return bad("unknown option '--" + first.replace('_', '-') + "': 'system' takes only --json");
                }
                document = ApiViews.system(fitd.snapshot(), fitd.catalog());
            } else {
                Endpoint endpoint = switch (c.name()) {
                    case "top" -> Endpoint.TOP;
                    case "models" -> Endpoint.MODELS;
                    default -> Endpoint.NAME;
                };
                ModelQuery query = fitd.parser().parse(endpoint, c.model(), new LinkedHashMap<>(c.params()));
                document = ApiViews.models(query, fitd.models().answer(query));
            }
            timing.mark("query and grading");
            ObjectMapper mapper = mapper();
            if (c.json()) {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document));
            } else {
                JsonNode tree = mapper.valueToTree(document);
                List<String> lines = c.name().equals("system") ? Views.system(tree, colour)
                        : Views.models(tree, c.name().equals("model"), colour);
                lines.forEach(out::println);
            }
            out.flush();
            timing.mark("rendering");
            return OK;
        } catch (QueryException | ModelService.NoSuchModelException e) {
            return bad(e.getMessage());
        } catch (RuntimeException | java.io.IOException e) {
            err.println("fitd: " + e.getMessage());
            return FAILED;
        }
    }

    /** With {@code FITD_CLI_TIMING} set, each phase's milliseconds on stderr (docs/dashboard.md#terminal). */
    private static final class Timing {
        private final PrintStream to;
        private long last = System.nanoTime();

        Timing(PrintStream to) {
            this.to = to;
            if (to != null) {
                long sinceJvm = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                to.printf("fitd timing: %d ms from JVM start to the command%n", sinceJvm);
            }
        }

        void mark(String phase) {
            long now = System.nanoTime();
            if (to != null) {
                to.printf("fitd timing: %d ms %s%n", (now - last) / 1_000_000, phase);
            }
            last = now;
        }
    }

    private int bad(String message) {
        err.println("fitd: " + message);
        err.println("Run 'java -jar fitd.jar help' for the commands and options.");
        return BAD_INPUT;
    }

    /** Splits {@code args} into the command, the model name and the API parameters (names as the API spells them). */
    static Command parse(String... args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            throw new QueryException(null, "unknown command" + (args.length == 0 ? "" : " '" + args[0] + "'")
                    + ": use top, models, system, model NAME or help");
        }
        String name = args[0];
        String model = null;
        int i = 1;
        if (name.equals("model")) {
            if (args.length < 2 || args[1].startsWith("--") || args[1].isBlank()) {
                throw new QueryException(null, "'model' needs a model name: java -jar fitd.jar model NAME [options]");
            }
            model = args[1];
            i = 2;
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        boolean json = false;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json")) {
                json = true;
                continue;
            }
            if (a.equals("-n")) {
                a = "--n";   // the API's own short name for limit
            }
            if (a.equals("--help") || a.equals("-h")) {
                return new Command("help", null, Map.of(), false);
            }
            if (!a.startsWith("--") || a.length() == 2) {
                throw new QueryException(null, "unexpected argument '" + a + "': options are --name value or --name=value");
            }
            String flag = a.substring(2);
            String value;
            int eq = flag.indexOf('=');
            String key = (eq >= 0 ? flag.substring(0, eq) : flag).replace('-', '_');
            if (eq >= 0) {
                value = flag.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else if (BOOLEAN_FLAGS.contains(key.toLowerCase(Locale.ROOT))) {
                value = "true";
            } else {
                throw new QueryException(key, "option '--" + flag + "' needs a value: --" + flag + " VALUE");
            }
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return new Command(name, model, params, json);
    }

    private SmallRyeConfig config;

    /**
     * The daemon's configuration as far as fitd's keys go: system properties ({@code -D}), environment
     * variables ({@code FITD_*}), the files named by {@code quarkus.config.locations} (as the daemon reads
     * them, e.g. {@code /etc/fitd/fitd.properties}), and {@code extraConfig} (tests). Only these: the
     * classpath scan of SmallRye's default sources cost ~0.2 s and finds no fitd key in the jar.
     *
     * @throws IllegalArgumentException naming a config file that cannot be read
     */
    private SmallRyeConfig config() {
        if (config == null) {
            SmallRyeConfigBuilder b = new SmallRyeConfigBuilder()
                    .addSystemSources()
                    .withSources(new PropertiesConfigSource(extraConfig, "fitd-cli", 50));
            String locations = System.getProperty("quarkus.config.locations", System.getenv("QUARKUS_CONFIG_LOCATIONS"));
            if (locations != null) {
                for (String location : locations.split(",")) {
                    b.withSources(propertiesFile(location.strip()));
                }
            }
            config = b.withConverter(Duration.class, 100, new DurationConverter())
                    .withConverter(Path.class, 100, new PathConverter())
                    .withMapping(HardwareConfig.class)
                    .withMapping(ServiceConfig.class)
                    .withMapping(CatalogConfig.class)
                    .withMapping(EstimateConfig.class)
                    .withValidateUnknown(false)
                    .build();
        }
        return config;
    }

    /** A properties file from {@code quarkus.config.locations}, at the ordinal Quarkus gives such files (250). */
    private static PropertiesConfigSource propertiesFile(String location) {
        Path file = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(file)) {
            p.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("quarkus.config.locations: cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.forEach((k, v) -> values.put(k.toString(), v.toString()));
        return new PropertiesConfigSource(values, file.toString(), 250);
    }

    /** Jackson as the API is configured ({@code application.properties}): snake_case, ISO-8601 dates. */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    static String usage() {
        return """
                fitd terminal view: one answer from this machine's probe and the bundled catalog, no server.

                  java -jar fitd.jar top     [options]   the best models (as /api/v1/models/top; 5 rows)
                  java -jar fitd.jar models  [options]   every model (as /api/v1/models)
                  java -jar fitd.jar model NAME [options] models matching NAME, with the first one's details
                  java -jar fitd.jar system  [--json]    the machine fitd sees (as /api/v1/system)
                  java -jar fitd.jar                     start the daemon (HTTP API and dashboard)

                Options are the API's query parameters, dashes for underscores, as --name value or --name=value:
                  --limit N (-n: --n N)  --perfect  --min-fit LEVEL  --include-too-tight [true|false]
                  --runtime any|mlx|llamacpp  --use-case USE  --provider TEXT  --search TEXT  --sort KEY
                  --max-context TOKENS  --quant Q4_K_M  --kv-cache q8_0  --force-runtime llamacpp|mlx
                  --installed [true|false]  --loaded [true|false]
                  what-if: --gpu "NVIDIA GeForce RTX 4090"  --gpu-count N  --vram-gb GIB  --ram-gb GIB  --cpu-cores N
                  --json   print the API's JSON answer instead of the table

                Bad input exits with status 2 and the API's error message. Configuration is the daemon's:
                -Dfitd.hardware.profile=config/profile.rtx4090.example.json before -jar, or FITD_* variables.
                Local runtimes are not polled here, so no row is shown as installed or loaded.
                """;
    }
}
