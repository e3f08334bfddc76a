package dev.fitd.inventory.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fitd.catalog.ModelType;
import dev.fitd.estimate.GgmlType;
import dev.fitd.inventory.gguf.GgufException;
import dev.fitd.inventory.gguf.GgufFacts;
import dev.fitd.inventory.gguf.GgufFile;
import dev.fitd.inventory.gguf.GgufReader;
import dev.fitd.inventory.http.HttpPolls;
import dev.fitd.inventory.http.Json;
import dev.fitd.inventory.source.InstalledModel;
import dev.fitd.inventory.source.ModelNames;
import dev.fitd.inventory.source.ParamsStrings;
import dev.fitd.inventory.source.RuntimeClient;
import dev.fitd.inventory.source.RuntimeKind;
import dev.fitd.inventory.source.RuntimeListing;
import dev.fitd.inventory.source.RuntimePoll;
import dev.fitd.inventory.source.RuntimeSettings;
import dev.fitd.inventory.source.RuntimeState;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds GGUF files on disk and turns each into an {@link InstalledModel} with exact figures: size is
 * the sum of its tensors' bytes, bits per weight is that × 8 / elements, parameters are the tensor
 * elements (or {@code general.parameter_count}), and {@link GgufFacts} carry the architecture.
 *
 * <p>Scanned: the configured paths, plus (when {@code defaultDirs}) whichever of these exist:
 * LM Studio's {@code ~/.lmstudio/models} and {@code ~/.cache/lm-studio/models}, Ollama's
 * {@code ~/.ollama/models/blobs} and the Linux service's {@code /usr/share/ollama/.ollama/models/blobs}.
 * Files ending in {@code .gguf} are read; extension-less Ollama blobs ({@code sha256-…}) are sniffed
 * for the GGUF magic and named from Ollama's manifests ({@code llama3.2:latest}). Split models
 * ({@code …-00001-of-00003.gguf}) are summed over their parts. Vision projectors ({@code mmproj}) are
 * not models and are left out. A corrupt or truncated file is skipped with a warning naming it.
 * Headers are cached by path, size and modification time, so a rescan only reads changed files.
 */
public final class GgufScanner implements RuntimeClient {
    private static final Pattern SPLIT = Pattern.compile("(?i)^(.*)-(\\d{5})-of-(\\d{5})\\.gguf$");
    private static final String OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model";
    private static final int MAX_DEPTH = 8;

    private final RuntimeSettings.Gguf settings;
    private final Path home;
    private final GgufReader reader;
    private final Map<Path, Header> cache = new ConcurrentHashMap<>();

    /** What one file's header gave (or why it could not be read), cached by size and modification time. */
    private record Header(long size, FileTime modified, GgufFacts facts, long tensorBytes, long tensorElements,
                          GgmlType dominantType, Integer splitNo, Integer splitCount, String error) { }

    private record Found(Path root, Path file, String ollamaName) { }

    public GgufScanner(RuntimeSettings.Gguf settings, Path home) {
        this(settings, home, new GgufReader());
    }

    public GgufScanner(RuntimeSettings.Gguf settings, Path home, GgufReader reader) {
        this.settings = settings;
        this.home = home;
        this.reader = reader;
    }

    /** LM Studio's and Ollama's model folders under {@code home}. */
    public static List<Path> defaultDirs(Path home) {
        List<Path> dirs = new ArrayList<>();
        if (home != null) {
            dirs.add(home.resolve(".lmstudio/models"));
            dirs.add(home.resolve(".cache/lm-studio/models"));
            dirs.add(home.resolve(".ollama/models/blobs"));
        }
        dirs.add(Path.of("/usr/share/ollama/.ollama/models/blobs"));
        return dirs;
    }

    /** The paths a scan visits: configured ones, then the default folders that exist. */
    public List<Path> roots() {
        List<Path> out = new ArrayList<>(settings.dirs());
        if (settings.defaultDirs()) {
            for (Path d : defaultDirs(home)) {
                if (Files.isDirectory(d) && !out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    @Override
    public RuntimeKind kind() { return RuntimeKind.GGUF; }

    @Override
    public String location() {
        return String.join(";", roots().stream().map(Path::toString).toList());
    }

    @Override
    public RuntimePoll poll() {
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        List<InstalledModel> models;
        try {
            models = scan(warnings);
        } catch (RuntimeException e) {
            return RuntimePoll.failed(RuntimeState.IO_ERROR, null, "GGUF scan failed: " + e, HttpPolls.elapsedMs(start));
        }
        return new RuntimePoll(RuntimeState.OK, new RuntimeListing(models, List.of(), warnings), null, null, null,
                HttpPolls.elapsedMs(start), warnings);
    }

    /** Scans every root; problems with single files or folders become {@code warnings}. */
    public List<InstalledModel> scan(List<String> warnings) {
        List<Found> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        int[] budget = {settings.maxFiles()};
        for (Path root : roots()) {
            if (!Files.exists(root)) {
                warnings.add("GGUF path " + root + " does not exist");
                continue;
            }
            Map<String, String> ollamaNames = ollamaNames(root, warnings);
            walk(root, ollamaNames, found, seen, budget, warnings);
        }
        Set<Path> live = new HashSet<>();
        Map<String, List<Found>> splits = new LinkedHashMap<>();
        List<InstalledModel> models = new ArrayList<>();
        for (Found f : found) {
            live.add(f.file());
            Header h = header(f.file());
            if (h == null) {
                continue;
            }
            if (h.error() != null) {
                warnings.add("skipped " + h.error());
                continue;
            }
            if (h.facts().isProjector()) {
                continue;
            }
            Matcher m = SPLIT.matcher(f.file().getFileName().toString());
            if (m.matches() && f.ollamaName() == null) {
                splits.computeIfAbsent(f.file().getParent().resolve(m.group(1)).toString(), k -> new ArrayList<>()).add(f);
                continue;
            }
            models.add(model(f, h, h.facts(), h.tensorBytes(), h.tensorElements()));
        }
        for (List<Found> parts : splits.values()) {
            InstalledModel joined = joinSplit(parts, warnings);
            if (joined != null) {
                models.add(joined);
            }
        }
        cache.keySet().retainAll(live);
        models.sort(Comparator.comparing(InstalledModel::id));
        return models;
    }

    private void walk(Path root, Map<String, String> ollamaNames, List<Found> found, Set<Path> seen, int[] budget,
                      List<String> warnings) {
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (--budget[0] < 0) {
                        warnings.add("stopped scanning after " + settings.maxFiles() + " files (fitd.runtimes.gguf.max-files)");
                        return FileVisitResult.TERMINATE;
                    }
                    if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    String name = file.getFileName().toString();
                    boolean gguf = name.toLowerCase(Locale.ROOT).endsWith(".gguf");
                    boolean blob = !gguf && name.startsWith("sha256") && name.indexOf('.') < 0 && attrs.size() > 4;
                    if ((gguf || (blob && GgufReader.hasMagic(file))) && seen.add(realPath(file))) {
                        found.add(new Found(root, file, blob ? ollamaNames.get(name.replace(':', '-')) : null));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    warnings.add("cannot read " + file + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            warnings.add("cannot scan " + root + ": " + e.getMessage());
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The header of {@code file}, from the cache when size and modification time are unchanged. */
    private Header header(Path file) {
        long size;
        FileTime modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return new Header(0, null, null, 0, 0, null, null, null, file + ": cannot stat: " + e.getMessage());
        }
        Header cached = cache.get(file);
        if (cached != null && cached.size() == size && modified.equals(cached.modified())) {
            return cached;
        }
        Header h;
        try {
            GgufFile g = reader.read(file);
            h = new Header(size, modified, g.facts(), g.tensorBytes(), g.tensorElements(), dominantType(g),
                    intValue(g.metadata().get("split.no")), intValue(g.metadata().get("split.count")), null);
        } catch (GgufException e) {
            h = new Header(size, modified, null, 0, 0, null, null, null, e.getMessage());
        } catch (ArithmeticException e) {
            h = new Header(size, modified, null, 0, 0, null, null, null, file + ": sizes overflow 64 bits");
        }
        cache.put(file, h);
        return h;
    }

    private static Integer intValue(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    private static GgmlType dominantType(GgufFile g) {
        return g.tensorBytesByType().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private InstalledModel joinSplit(List<Found> parts, List<String> warnings) {
        parts.sort(Comparator.comparing(f -> f.file().getFileName().toString()));
        Found first = parts.get(0);
        Matcher m = SPLIT.matcher(first.file().getFileName().toString());
        m.matches();
        int expected = Integer.parseInt(m.group(3));
        if (parts.size() != expected || Integer.parseInt(m.group(2)) != 1) {
            warnings.add("skipped split model " + first.file().getParent().resolve(m.group(1)) + ": found "
                    + parts.size() + " of " + expected + " parts");
            return null;
        }
        long bytes = 0;
        long elements = 0;
        for (Found f : parts) {
            Header h = header(f.file());
            bytes += h.tensorBytes();
            elements += h.tensorElements();
        }
        return model(first, header(first.file()), header(first.file()).facts(), bytes, elements);
    }

    private InstalledModel model(Found f, Header h, GgufFacts facts, long bytes, long elements) {
        String fileName = f.file().getFileName().toString();
        String id;
        String publisher = null;
        String digest = null;
        if (fileName.startsWith("sha256")) {
            digest = fileName.replace('-', ':');
            id = f.ollamaName() != null ? f.ollamaName() : fileName;
        } else {
            Path rel = f.root().equals(f.file()) ? f.file().getFileName() : f.root().relativize(f.file());
            String s = rel.toString().replace('\\', '/');
            s = s.substring(0, s.length() - ".gguf".length());
            id = s.replaceFirst("(?i)-\\d{5}-of-\\d{5}$", "");
            if (rel.getNameCount() >= 3) {
                publisher = rel.getName(0).toString();
            }
        }
        String quant = facts.fileTypeName();
        if (quant == null) {
            quant = ModelNames.quantSuffix(fileName).orElse(h.dominantType() == null ? null : h.dominantType().name());
        }
        Double bpw = elements > 0 ? bytes * 8.0 / elements : null;
        long params = facts.parameterCount() != null ? facts.parameterCount() : elements;
        String stem = fileName.endsWith(".gguf") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return new InstalledModel(RuntimeKind.GGUF, id,
                facts.name() != null ? facts.name() : stem,
                publisher,
                facts.isEmbedding() ? ModelType.EMBEDDING : ModelType.LLM,
                facts.architecture(), quant, bpw, bytes, params, "gguf",
                facts.sizeLabel() != null ? facts.sizeLabel() : ParamsStrings.format(params),
                facts.contextLength(), null, f.file().toString(), digest, null, facts);
    }

    /**
     * Maps blob file names ({@code sha256-<hex>}) to model names from Ollama's manifests, which live
     * beside {@code blobs} in {@code manifests/<host>/<namespace>/<model>/<tag>}: the library's
     * {@code registry.ollama.ai/library/llama3.2/latest} is {@code llama3.2:latest}.
     */
    private static Map<String, String> ollamaNames(Path root, List<String> warnings) {
        if (root.getFileName() == null || !root.getFileName().toString().equals("blobs")) {
            return Map.of();
        }
        Path manifests = root.resolveSibling("manifests");
        if (!Files.isDirectory(manifests)) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        try (var files = Files.walk(manifests, 5)) {
            files.filter(Files::isRegularFile).limit(10_000).forEach(f -> {
                Path rel = manifests.relativize(f);
                if (rel.getNameCount() != 4) {
                    return;
                }
                try {
                    if (Files.size(f) > 1_000_000) {
                        return;
                    }
                    JsonNode root2 = Json.MAPPER.readTree(f.toFile());
                    JsonNode layers = root2 == null ? null : root2.get("layers");
                    if (layers == null || !layers.isArray()) {
                        return;
                    }
                    for (JsonNode layer : layers) {
                        if (OLLAMA_MODEL_LAYER.equals(Json.text(layer, "mediaType")) && Json.text(layer, "digest") != null) {
                            names.putIfAbsent(Json.text(layer, "digest").replace(':', '-'), ollamaName(rel));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    warnings.add("cannot read Ollama manifest " + f + ": " + e.getMessage());
                }
            });
        } catch (IOException | RuntimeException e) {
            warnings.add("cannot read Ollama manifests in " + manifests + ": " + e.getMessage());
        }
        return names;
    }

    private static String ollamaName(Path rel) {
        String host = rel.getName(0).toString();
        String ns = rel.getName(1).toString();
        String model = rel.getName(2).toString();
        String tag = rel.getName(3).toString();
        if (host.equals("registry.ollama.ai")) {
            return (ns.equals("library") ? "" : ns + "/") + model + ":" + tag;
        }
        return host + "/" + ns + "/" + model + ":" + tag;
    }
}
