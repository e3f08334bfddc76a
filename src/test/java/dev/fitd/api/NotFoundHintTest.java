package dev.fitd.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 404 answer's hint names every endpoint the API serves (it once left out {@code /api/v1/runtimes}). */
class NotFoundHintTest {

    private static final List<Class<?>> RESOURCES = List.of(ModelsResource.class, SystemResource.class,
            DevicesResource.class, RuntimesResource.class, PlanResource.class);

    @Test
    void theHintNamesEveryResourcePath() {
        List<String> paths = new ArrayList<>();
        for (Class<?> resource : RESOURCES) {
            String base = resource.getAnnotation(Path.class).value();
            boolean any = false;
            for (Method m : resource.getDeclaredMethods()) {
                Path p = m.getAnnotation(Path.class);
                if (p != null) {
                    paths.add(join(base, p.value().replace("{name: .+}", "{name}")));
                    any = true;
                }
            }
            if (!any || resource == ModelsResource.class) {
                paths.add(join(base, ""));
            }
        }
        assertTrue(paths.size() >= 8, "resource paths found: " + paths);
        for (String path : paths) {
            assertTrue(ErrorMappers.NOT_FOUND.matches(".*(^|[ ,])" + java.util.regex.Pattern.quote(path) + "(,|$).*"),
                    "the 404 hint '" + ErrorMappers.NOT_FOUND + "' does not name " + path);
        }
    }

    private static String join(String base, String sub) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String s = sub.isEmpty() ? "" : (sub.startsWith("/") ? sub : "/" + sub);
        String joined = b + s;
        return joined.isEmpty() ? "/" : joined;
    }
}
