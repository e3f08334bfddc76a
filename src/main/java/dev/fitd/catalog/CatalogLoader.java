package dev.fitd.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the bundled catalog ({@code catalog/*.json} on the classpath) and user overlay directories,
 * validates every file and entry, and builds the {@link Catalog}.
 *
 * <p>Each file goes through four steps, and the first failure throws one {@link CatalogException}
 * naming the file, the entry and the field: (1) strict JSON (no duplicate keys, no trailing content);
 * (2) {@code catalog/schema.json}, enforced by {@link SchemaCheck}; (3) mapping to {@link ModelSpec}
 * (unknown properties fail; dates must exist); (4) {@link EntryRules}. Then the files are merged:
 * sources apply in order (bundled, then each overlay directory in the order given) and a later source
 * replaces an earlier entry with the same key; within one source a key appears once. Over the merged
 * set, keys and aliases are unique ignoring case, and no alias equals another model's key.
 *
 * <p>A file whose bytes cannot be read at all is a {@link CatalogReadException}, a subtype of
 * {@link CatalogException}: {@link #load} throws it like any other problem, while {@link #readOverlays}
 * lists such files and goes on, so a running daemon can leave them out (see
 * {@code dev.fitd.catalog.LiveCatalog}).
 *
 * <p>Every {@code *.json} file below a source's root is a catalog file, except any named
 * {@code schema.json}. Bundled files are found from the location of {@code catalog/schema.json}, from a
 * directory (tests, IDE) or inside a jar (the packaged application), so nothing lists them by hand.
 */
public final class CatalogLoader {
    /** Classpath folder of the bundled catalog. */
    public static final String BUNDLED_ROOT = "catalog";
    private static final String SCHEMA_FILE = "schema.json";

    private final ClassLoader classLoader;
    private final ObjectMapper mapper;
    private final SchemaCheck schema;

    /** Reads the bundled catalog from the class path this class was loaded from. */
    public CatalogLoader() {
        this(CatalogLoader.class.getClassLoader());
    }

    /** Reads the bundled catalog (and its schema) through {@code classLoader}. */
    public CatalogLoader(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        this.schema = new SchemaCheck(readSchema());
    }

    /**
     * The bundled catalog plus {@code overlayDirs}, validated and merged. Strict: a file that cannot be
     * read throws too (a {@link CatalogReadException}); {@link #readOverlays} is the lenient variant.
     */
    public Catalog load(List<Path> overlayDirs) {
        List<List<CatalogFile>> sources = new ArrayList<>();
        for (Path dir : overlayDirs) {
            sources.add(readDirectory(dir));
        }
        return merge(readBundled(), sources);
    }

    /**
     * The overlay directories' files, each source in the order given.
     *
     * @param sources one list per overlay directory, its readable files in path order
     * @param unreadable every file (or directory listing) whose read failed, in the order met; such a
     *                   file is left out of {@code sources}, and a directory that cannot be listed
     *                   contributes no files
     */
    public record Overlays(List<List<CatalogFile>> sources, List<CatalogReadException> unreadable) {
        public Overlays {
            sources = List.copyOf(sources);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * Reads every overlay directory, leaving out (and listing) what cannot be read instead of stopping
     * there: a read failure says nothing about a file's content and may pass. Malformed content still
     * throws the first {@link CatalogException}, and so does a directory that does not exist.
     */
    public Overlays readOverlays(List<Path> overlayDirs) {
        List<List<CatalogFile>> sources = new ArrayList<>();
        List<CatalogReadException> unreadable = new ArrayList<>();
        for (Path dir : overlayDirs) {
            sources.add(readDirectory(dir, unreadable::add));
        }
        return new Overlays(sources, unreadable);
    }

    /**
     * Merges already read files: {@code bundled} first, then each overlay source in order (a later
     * source replaces an earlier entry with the same key). Throws the first clash of keys or aliases.
     */
    public static Catalog merge(List<CatalogFile> bundled, List<List<CatalogFile>> overlays) {
        List<List<CatalogFile>> sources = new ArrayList<>(overlays.size() + 1);
        sources.add(bundled);
        sources.addAll(overlays);
        return CatalogMerge.merge(sources);
    }

    /** Every bundled catalog file, parsed and validated one by one, in path order. */
    public List<CatalogFile> readBundled() {
        URL anchor = classLoader.getResource(BUNDLED_ROOT + "/" + SCHEMA_FILE);
        if (anchor == null) {
            throw new CatalogException("bundled catalog not found: no " + BUNDLED_ROOT + "/" + SCHEMA_FILE + " on the class path");
        }
        List<CatalogFile> files = new ArrayList<>();
        for (String name : bundledNames(anchor)) {
            try (InputStream in = classLoader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new CatalogReadException("catalog file classpath:" + name + ": listed but cannot be opened");
                }
                files.add(readFile("classpath:" + name, in.readAllBytes()));
            } catch (IOException e) {
                throw new CatalogReadException("catalog file classpath:" + name + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** Every catalog file below {@code dir} (an overlay), in path order; a file that cannot be read throws. */
    public List<CatalogFile> readDirectory(Path dir) {
        return readDirectory(dir, e -> {
            throw e;
        });
    }

    /**
     * Every catalog file below {@code dir} that can be read, in path order; each read failure (of the
     * listing or of a file) goes to {@code unreadable}, which may throw it. Listing and reading are
     * separate from parsing so the two kinds of failure stay apart.
     */
    private List<CatalogFile> readDirectory(Path dir, Consumer<CatalogReadException> unreadable) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CatalogException("catalog overlay directory " + root + " does not exist or is not a directory");
        }
        List<Path> paths;
        try {
            paths = catalogFiles(root);
        } catch (IOException | UncheckedIOException e) {
            unreadable.accept(new CatalogReadException(
                    "catalog overlay directory " + root + " cannot be listed: " + e.getMessage(), e));
            return List.of();
        }
        List<CatalogFile> files = new ArrayList<>();
        for (Path p : paths) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                unreadable.accept(new CatalogReadException("catalog file " + p + ": cannot be read: " + e.getMessage(), e));
                continue;
            }
            files.add(readFile(p.toString(), bytes));
        }
        return files;
    }

    /**
     * The catalog files below an overlay root, in path order: regular files (links followed) named
     * {@code *.json}, except {@code schema.json}. A FIFO, a device or a directory with such a name is
     * not one, so reading never waits on it. {@link OverlayFingerprint} lists the same files.
     */
    static List<Path> catalogFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> isCatalogFile(p.getFileName().toString()) && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** Parses and validates one catalog file; {@code source} is how messages name it. */
    public CatalogFile readFile(String source, byte[] json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CatalogException("catalog file " + source + ": malformed JSON" + at + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CatalogException("catalog file " + source + ": cannot be read: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new CatalogException("catalog file " + source + ": is empty");
        }
        schema.firstViolation(tree).ifPresent(v -> {
            throw located(source, tree, v.path(), v.problem());
        });
        JsonNode entries = tree.get("models");
        List<ModelSpec> models = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String key = entry.path("key").isTextual() ? entry.get("key").asText() : null;
            ModelSpec spec = map(source, i + 1, key, entry);
            int number = i + 1;
            EntryRules.firstProblem(spec).ifPresent(p -> {
                throw CatalogException.inEntry(source, number, key, p.field(), p.message());
            });
            models.add(spec);
        }
        return new CatalogFile(source, models);
    }

    private ModelSpec map(String source, int number, String key, JsonNode entry) {
        try {
            return mapper.treeToValue(entry, ModelSpec.class);
        } catch (JsonMappingException e) {
            List<Object> path = new ArrayList<>();
            for (JsonMappingException.Reference r : e.getPath()) {
                path.add(r.getIndex() >= 0 ? (Object) r.getIndex() : r.getFieldName());
            }
            String problem = e instanceof InvalidFormatException f && f.getTargetType() == LocalDate.class
                    ? "must be a real calendar date, got " + SchemaCheck.render(mapper.valueToTree(f.getValue()))
                    : "cannot be read: " + e.getOriginalMessage();
            throw CatalogException.inEntry(source, number, key, fieldPath(path), problem);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw CatalogException.inEntry(source, number, key, "(entry)", "cannot be read: " + e.getMessage());
        }
    }

    /** A problem at a document path: inside {@code models[i]} it names the entry, else the file-level field. */
    private static CatalogException located(String source, JsonNode tree, List<Object> path, String problem) {
        if (path.size() >= 2 && "models".equals(path.get(0)) && path.get(1) instanceof Integer index) {
            JsonNode key = tree.get("models").get(index).path("key");
            String field = path.size() == 2 ? "(entry)" : fieldPath(path.subList(2, path.size()));
            return CatalogException.inEntry(source, index + 1, key.isTextual() ? key.asText() : null, field, problem);
        }
        return CatalogException.inFile(source, path.isEmpty() ? "(file)" : fieldPath(path), problem);
    }

    /** {@code [arch, moe, experts]} → {@code arch.moe.experts}; indices as {@code aliases[2]}. */
    static String fieldPath(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object part : path) {
            if (part instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(part);
            }
        }
        return sb.toString();
    }

    private List<String> bundledNames(URL anchor) {
        try {
            return switch (anchor.getProtocol()) {
                case "file" -> namesInDirectory(Path.of(anchor.toURI()).getParent());
                case "jar" -> namesInJar((JarURLConnection) anchor.openConnection());
                default -> throw new CatalogException("bundled catalog at " + anchor + " cannot be listed: unsupported URL scheme");
            };
        } catch (IOException | URISyntaxException | UncheckedIOException e) {
            throw new CatalogException("bundled catalog at " + anchor + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private static List<String> namesInDirectory(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> isCatalogFile(p.getFileName().toString()) && Files.isRegularFile(p))
                    .map(p -> BUNDLED_ROOT + "/" + root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private static List<String> namesInJar(JarURLConnection connection) throws IOException {
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            return jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(BUNDLED_ROOT + "/") && !n.endsWith("/")
                            && isCatalogFile(n.substring(n.lastIndexOf('/') + 1)))
                    .sorted().toList();
        }
    }

    private static boolean isCatalogFile(String fileName) {
        return fileName.endsWith(".json") && !fileName.equals(SCHEMA_FILE);
    }

    private JsonNode readSchema() {
        try (InputStream in = classLoader.getResourceAsStream(BUNDLED_ROOT + "/" + SCHEMA_FILE)) {
            if (in == null) {
                throw new CatalogException("catalog schema not found: no " + BUNDLED_ROOT + "/" + SCHEMA_FILE + " on the class path");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new CatalogException("catalog schema " + BUNDLED_ROOT + "/" + SCHEMA_FILE + " cannot be read: " + e.getMessage(), e);
        }
    }
}
