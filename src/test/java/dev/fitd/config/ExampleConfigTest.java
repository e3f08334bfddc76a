package dev.fitd.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code config/fitd.example.properties} documents every {@code fitd.*} key: each property of every
 * {@code @ConfigMapping} interface in {@code dev.fitd.config} must appear there (commented out or not),
 * and nothing there may name a key that its group's mapping does not declare. When this fails, add the key it names, with a
 * comment, to the example file.
 */
class ExampleConfigTest {
    static final Path EXAMPLE = Path.of("config/fitd.example.properties");
    /** Keys read with @ConfigProperty or in @Scheduled expressions rather than through a mapping. */
    static final Set<String> OTHER_KEYS = Set.of("fitd.metrics.update-interval");

    @Test
    void everyKeyIsDocumentedAndEveryDocumentedKeyExists() throws Exception {
        Set<String> declared = new TreeSet<>(OTHER_KEYS);
        Set<String> prefixes = new TreeSet<>();
        for (Class<?> mapping : mappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            prefixes.add(prefix);
            collect(prefix, mapping, declared);
        }
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^#?\\s*(fitd\\.[a-z0-9.-]+)\\s*=").matcher(Files.readString(EXAMPLE));
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(documented);
        // A documented key under a mapping's prefix that the mapping does not declare is stale. (Keys of
        // groups whose mapping is not on the class path yet are not judged.)
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(declared);
        unknown.removeIf(k -> prefixes.stream().noneMatch(p -> k.startsWith(p + ".")));
        assertTrue(missing.isEmpty(), "add to " + EXAMPLE + ": " + missing);
        assertTrue(unknown.isEmpty(), EXAMPLE + " names keys no mapping declares: " + unknown);
        assertTrue(declared.contains("fitd.security.token"));
    }

    @Test
    void noConfigApplicationPropertiesInTheRepository() {
        assertTrue(Files.notExists(Path.of("config/application.properties")),
                "Quarkus would read config/application.properties from the working directory, tests included");
    }

    private static void collect(String prefix, Class<?> type, Set<String> keys) {
        for (Method method : type.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                    : kebab(method.getName());
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name;
            Class<?> returned = method.getReturnType();
            if (returned.isInterface() && returned.getName().startsWith("dev.fitd.config.")) {
                collect(key, returned, keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> mappings() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(SecurityConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/fitd/config");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                String name = "dev.fitd.config." + f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(name);
                if (c.isAnnotationPresent(ConfigMapping.class)) {
                    out.add(c);
                }
            }
        }
        return out;
    }
}
