// What moving the reference JSON Schema validator (networknt, test scope) into the daemon would cost at
// start-up, against the loader's own SchemaCheck: one fresh JVM per run (with the image's JVM flags,
// as the daemon starts), timing "read catalog/schema.json, build the validator, check every bundled
// catalog file", class loading included. Results and the decision: docs/architecture.md ("Hand-written
// or library"). Run after `./mvnw -B test-compile` with bench/schema-validator.sh.
package dev.fitd.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

public class SchemaValidatorBench {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        ObjectMapper mapper = new ObjectMapper();
        Path dir = Path.of("catalog");
        JsonNode schemaTree = mapper.readTree(dir.resolve("schema.json").toFile());
        List<JsonNode> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json") && !p.endsWith("schema.json")).sorted()
                    .map(p -> { try { return mapper.readTree(p.toFile()); } catch (Exception e) { throw new RuntimeException(e); } })
                    .toList();
        }
        long read = System.nanoTime();
        int violations = 0;
        if (args[0].equals("own")) {
            SchemaCheck check = new SchemaCheck(schemaTree);
            for (JsonNode f : files) {
                violations += check.firstViolation(f).isPresent() ? 1 : 0;
            }
        } else {
            var registry = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                    com.networknt.schema.SpecificationVersion.DRAFT_2020_12);
            var schema = registry.getSchema(schemaTree);
            for (JsonNode f : files) {
                violations += schema.validate(f).isEmpty() ? 0 : 1;
            }
        }
        long done = System.nanoTime();
        System.out.printf("%s files=%d violations=%d read_ms=%.1f check_ms=%.1f jvm_uptime_ms=%d%n", args[0], files.size(),
                violations, (read - t0) / 1e6, (done - read) / 1e6,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }
}
