package dev.fitd.labels;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax a Kubernetes node label (and so a line of a node-feature-discovery feature file) must have,
 * as the API server validates it (k8s.io/apimachinery {@code IsQualifiedName}, {@code IsValidLabelValue})
 * and as NFD's local source reads {@code features.d} lines ({@code <prefix>/<name>[=<value>]}; lines
 * starting with {@code #} are comments):
 * <ul>
 *   <li>prefix: a DNS subdomain, at most 253 characters: dot-separated lower-case alphanumeric parts,
 *       {@code -} allowed inside a part. fitd always writes a prefix: NFD adds
 *       {@code feature.node.kubernetes.io/} to unprefixed names, and its docs say that will change;</li>
 *   <li>name: 1–63 characters of {@code [A-Za-z0-9._-]}, starting and ending alphanumeric;</li>
 *   <li>value: empty, or 1–63 characters of the same set, starting and ending alphanumeric.</li>
 * </ul>
 * Prefixes {@code kubernetes.io} and {@code k8s.io} (and their subdomains) are refused: NFD denies them
 * except its own {@code feature.node.kubernetes.io}.
 */
public final class LabelSyntax {
    /** Longest label name (the part after the prefix) and longest value. */
    public static final int MAX_NAME = 63;
    public static final int MAX_VALUE = 63;
    public static final int MAX_PREFIX = 253;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private LabelSyntax() { }

    /** What is wrong with {@code prefix} as a label prefix, or empty when it is valid. */
    public static Optional<String> prefixProblem(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return Optional.of("the label prefix is empty");
        }
        if (prefix.length() > MAX_PREFIX) {
            return Optional.of("the label prefix '" + prefix + "' is longer than " + MAX_PREFIX + " characters");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            return Optional.of("the label prefix '" + prefix + "' is not a DNS subdomain (lower-case letters, digits,"
                    + " '-' inside dot-separated parts)");
        }
        if ((prefix.equals("kubernetes.io") || prefix.endsWith(".kubernetes.io") || prefix.equals("k8s.io")
                || prefix.endsWith(".k8s.io")) && !isNfdOwn(prefix)) {
            return Optional.of("the label prefix '" + prefix + "' is reserved (NFD refuses kubernetes.io and k8s.io)");
        }
        return Optional.empty();
    }

    private static boolean isNfdOwn(String prefix) {
        return prefix.equals("feature.node.kubernetes.io") || prefix.endsWith(".feature.node.kubernetes.io");
    }

    /** What is wrong with {@code name} as a label name (without prefix), or empty when it is valid. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the label name is empty");
        }
        if (name.length() > MAX_NAME) {
            return Optional.of("the label name '" + name + "' is " + name.length() + " characters, more than " + MAX_NAME);
        }
        if (!NAME.matcher(name).matches()) {
            return Optional.of("the label name '" + name + "' must be [A-Za-z0-9._-], starting and ending alphanumeric");
        }
        return Optional.empty();
    }

    /** What is wrong with {@code value} as a label value, or empty when it is valid. */
    public static Optional<String> valueProblem(String value) {
        if (value == null) {
            return Optional.of("the label value is null");
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > MAX_VALUE) {
            return Optional.of("the label value '" + value + "' is " + value.length() + " characters, more than " + MAX_VALUE);
        }
        if (!NAME.matcher(value).matches()) {
            return Optional.of("the label value '" + value + "' must be [A-Za-z0-9._-], starting and ending alphanumeric");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with one line of a feature file, or empty when it is a comment, blank, or a valid
     * {@code prefix/name=value} label. fitd's lines always carry a prefix and an explicit value.
     */
    public static Optional<String> lineProblem(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return Optional.empty();
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
            return Optional.of("'" + line + "' has no '=value'");
        }
        String key = line.substring(0, eq);
        String value = line.substring(eq + 1);
        int slash = key.indexOf('/');
        if (slash < 0) {
            return Optional.of("'" + key + "' has no prefix (NFD would add feature.node.kubernetes.io/)");
        }
        if (key.indexOf('/', slash + 1) >= 0) {
            return Optional.of("'" + key + "' has more than one '/'");
        }
        return prefixProblem(key.substring(0, slash))
                .or(() -> nameProblem(key.substring(slash + 1)))
                .or(() -> valueProblem(value));
    }
}
