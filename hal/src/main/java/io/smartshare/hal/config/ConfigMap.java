package io.smartshare.hal.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * One YAML mapping of a configuration file, read key by key with its line numbers kept,
 * so every error names file, line and key.
 *
 * <p>Readers take the keys they know with the typed getters, then call {@link
 * #requireNoOtherKeys()}: any key nobody asked for is reported as unknown (a typo in a
 * board file must not be silently ignored). Instances are not thread-safe; they live
 * only while a file is being read.
 */
public final class ConfigMap {
    /** A key this many edits or fewer from a known one is reported as its misspelling. */
    private static final int MAX_TYPO = 2;
    /** Largest configuration document accepted, in characters. */
    static final int MAX_DOCUMENT_CHARS = 1 << 20;

    private final String source;
    private final String path;
    private final int line;
    private final int keyLine;
    private final Map<String, NodeTuple> entries;
    private final Set<String> read = new HashSet<>();

    private ConfigMap(String source, String path, MappingNode node, int keyLine) {
        this.source = source;
        this.path = path;
        this.line = lineOf(node);
        this.keyLine = keyLine;
        this.entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigException(source, lineOf(tuple.getKeyNode()), path, "keys must be plain names");
            }
            String key = keyNode.getValue();
            if (entries.putIfAbsent(key, tuple) != null) {
                throw new ConfigException(source, lineOf(keyNode), qualify(key), "duplicate key");
            }
        }
    }

    /** The keys of this mapping, in file order; listing them marks none as read. */
    public List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    /** Reads the YAML document in {@code file}; its top level must be a mapping. */
    public static ConfigMap load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "", "cannot read: " + FileProblem.reason(e));
        }
        return parse(file.toString(), text);
    }

    /** Reads a YAML (or JSON) document given as text; {@code source} names it in errors. */
    public static ConfigMap parse(String source, String text) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            throw new ConfigException(source, 1, "", "document larger than " + MAX_DOCUMENT_CHARS + " characters");
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        Node root;
        try {
            // The composer alone, as Yaml.compose uses it: a Yaml object would also make SnakeYAML's
            // JavaBeans support, which needs java.desktop (not in the node's images).
            root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(source, line, "", "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(source, 1, "", "not valid YAML: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // SnakeYAML 2.2 throws this for a malformed tag ("!%0"), unmarked (found by ConfigFilesFuzzTest)
            throw new ConfigException(source, 1, "", "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new ConfigException(source, 1, "", "empty document");
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(source, lineOf(root), "", "expected a mapping of keys at the top level");
        }
        return new ConfigMap(source, "", mapping, lineOf(mapping));
    }

    /** The file or source this mapping was read from. */
    public String source() {
        return source;
    }

    /** The 1-based line where this mapping starts. */
    public int line() {
        return line;
    }

    /** The 1-based line of the key that names this mapping (for a list item or the top level, where it starts). */
    public int keyLine() {
        return keyLine;
    }

    /** The dotted key path of this mapping; empty at the top level. */
    public String path() {
        return path;
    }

    /** True if {@code key} is present (it counts as read). */
    public boolean has(String key) {
        read.add(key);
        return entries.containsKey(key);
    }

    /** A required text value. */
    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    /** An optional text value. */
    public Optional<String> optionalString(String key) {
        return scalar(key).map(ScalarNode::getValue);
    }

    /** A required integer within {@code [min, max]}. */
    public long integer(String key, long min, long max) {
        return optionalInteger(key, min, max).orElseThrow(() -> missing(key));
    }

    /**
     * An optional integer within {@code [min, max]}; written in decimal, or in hexadecimal
     * with a {@code 0x} prefix (for bus addresses such as {@code 0x76}).
     */
    public Optional<Long> optionalInteger(String key, long min, long max) {
        return scalar(key).map(node -> {
            long value;
            try {
                value = parseInteger(node.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                throw wrong(key, node, "expected an integer, found '" + node.getValue() + "'");
            }
            if (value < min || value > max) {
                throw wrong(key, node, "expected an integer from " + min + " to " + max + ", found " + value);
            }
            return value;
        });
    }

    /** An optional decimal number within {@code [min, max]}. */
    public Optional<Double> optionalNumber(String key, double min, double max) {
        return scalar(key).map(node -> {
            double value;
            try {
                value = Double.parseDouble(node.getValue());
            } catch (NumberFormatException e) {
                throw wrong(key, node, "expected a number, found '" + node.getValue() + "'");
            }
            if (!(value >= min && value <= max)) {
                throw wrong(key, node, "expected a number from " + min + " to " + max + ", found " + node.getValue());
            }
            return value;
        });
    }

    /** An optional {@code true}/{@code false} value. */
    public Optional<Boolean> optionalBoolean(String key) {
        return scalar(key).map(node -> switch (node.getValue()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw wrong(key, node, "expected true or false, found '" + node.getValue() + "'");
        });
    }

    /** An optional value that must be one of {@code allowed}. */
    public Optional<String> optionalChoice(String key, Set<String> allowed) {
        return scalar(key).map(node -> {
            if (!allowed.contains(node.getValue())) {
                throw wrong(key, node, "expected one of " + new java.util.TreeSet<>(allowed)
                        + ", found '" + node.getValue() + "'");
            }
            return node.getValue();
        });
    }

    /** A required nested mapping. */
    public ConfigMap map(String key) {
        return optionalMap(key).orElseThrow(() -> missing(key));
    }

    /** An optional nested mapping. */
    public Optional<ConfigMap> optionalMap(String key) {
        return value(key).map(node -> {
            if (!(node instanceof MappingNode mapping)) {
                throw wrong(key, node, "expected a mapping of keys");
            }
            return new ConfigMap(source, qualify(key), mapping, lineOf(entries.get(key).getKeyNode()));
        });
    }

    /** A list of mappings; an absent key gives an empty list. */
    public List<ConfigMap> mapList(String key) {
        return list(key, (item, index) -> {
            if (!(item instanceof MappingNode mapping)) {
                throw new ConfigException(source, lineOf(item), qualify(key) + "[" + index + "]", "expected a mapping of keys");
            }
            return new ConfigMap(source, qualify(key) + "[" + index + "]", mapping, lineOf(mapping));
        });
    }

    /** A list of text values; an absent key gives an empty list. */
    public List<String> stringList(String key) {
        return list(key, (item, index) -> {
            if (!(item instanceof ScalarNode scalar)) {
                throw new ConfigException(source, lineOf(item), qualify(key) + "[" + index + "]", "expected a single value");
            }
            return scalar.getValue();
        });
    }

    /**
     * Applies {@code reader} to each nested mapping of this one, in file order, keyed by its
     * name: for sections such as {@code sensors: {bme: {...}, sht: {...}}}.
     */
    public <T> Map<String, T> eachMap(Function<ConfigMap, T> reader) {
        Map<String, T> result = new LinkedHashMap<>();
        for (String key : entries.keySet()) {
            result.put(key, reader.apply(map(key)));
        }
        return Collections.unmodifiableMap(result);
    }

    /**
     * Reports the first key that no getter asked for.
     *
     * @throws ConfigException naming the line and key of the unknown entry
     */
    public void requireNoOtherKeys() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                throw unknown(entry.getKey(), closest(entry.getKey(), read));
            }
        }
    }

    private ConfigException unknown(String key, Optional<String> known) {
        return new ConfigException(source, lineOf(entries.get(key).getKeyNode()), qualify(key),
                "unknown key" + known.map(k -> " (did you mean '" + k + "'?)").orElse(""));
    }

    /** The one of {@code candidates} at most {@link #MAX_TYPO} edits from {@code key}, nearest first. */
    private static Optional<String> closest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = MAX_TYPO + 1;
        for (String candidate : new java.util.TreeSet<>(candidates)) {
            int distance = editDistance(key, candidate);
            if (distance < bestDistance && !candidate.equals(key)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** An error about the value of {@code key}, for checks the getters cannot make. */
    public ConfigException invalid(String key, String problem) {
        NodeTuple tuple = entries.get(key);
        int at = tuple == null ? line : lineOf(tuple.getValueNode());
        return new ConfigException(source, at, qualify(key), problem);
    }

    private Optional<Node> value(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        return tuple == null ? Optional.empty() : Optional.of(tuple.getValueNode());
    }

    private Optional<ScalarNode> scalar(String key) {
        return value(key).map(node -> {
            if (!(node instanceof ScalarNode scalar)) {
                throw wrong(key, node, "expected a single value, found a " + (node instanceof MappingNode ? "mapping" : "list"));
            }
            return scalar;
        });
    }

    private <T> List<T> list(String key, ItemReader<T> reader) {
        Optional<Node> value = value(key);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!(value.get() instanceof SequenceNode sequence)) {
            throw wrong(key, value.get(), "expected a list");
        }
        List<T> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(reader.read(item, items.size()));
        }
        return List.copyOf(items);
    }

    private static long parseInteger(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return Long.parseLong(text.substring(2), 16);
        }
        return Long.parseLong(text);
    }

    /**
     * A required key that is absent; if a key nobody asked for is a likely misspelling of it,
     * that key is the error (a misspelt key, not a missing one).
     */
    private ConfigException missing(String key) {
        Set<String> unread = new HashSet<>(entries.keySet());
        unread.removeAll(read);
        return closest(key, unread).map(typo -> unknown(typo, Optional.of(key)))
                .orElseGet(() -> new ConfigException(source, line, qualify(key), "missing required key"));
    }

    private ConfigException wrong(String key, Node node, String problem) {
        return new ConfigException(source, lineOf(node), qualify(key), problem);
    }

    private String qualify(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int lineOf(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    @FunctionalInterface
    private interface ItemReader<T> {
        T read(Node item, int index);
    }
}
