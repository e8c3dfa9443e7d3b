package io.smartshare.hal.config;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A configuration file (a board file, an operator config) is wrong. The message reads
 * {@code <file>:<line>: <key>: <problem>}, so an operator can go straight to the spot; one
 * made of several ({@link ConfigErrors}) has one such line per problem, in file order, and
 * its source, line and key are the first's.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String key;
    private final int problems;

    /**
     * @param source the file (or other named source) at fault
     * @param line 1-based line of the offending key or value
     * @param key dotted path of the key, e.g. {@code coap.port}; empty for the document itself
     * @param problem what is wrong, with the expected and the found value where useful
     */
    public ConfigException(String source, int line, String key, String problem) {
        this(source, line, key, source + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + problem, 1);
    }

    private ConfigException(String source, int line, String key, String message, int problems) {
        super(message);
        this.source = source;
        this.line = line;
        this.key = key;
        this.problems = problems;
    }

    /** All of {@code errors} (at least one) as one exception, a line each (the same line once), ordered by line. */
    static ConfigException all(List<ConfigException> errors) {
        // a misspelt required key is found missing by its part and unknown by its map: report it once
        Map<String, ConfigException> byMessage = new LinkedHashMap<>();
        errors.forEach(e -> byMessage.putIfAbsent(e.getMessage(), e));
        List<ConfigException> sorted = byMessage.values().stream().sorted(Comparator.comparingInt(ConfigException::line))
                .toList();
        if (sorted.size() == 1) {
            return sorted.get(0);
        }
        ConfigException first = sorted.get(0);
        String message = sorted.stream().map(Throwable::getMessage).collect(Collectors.joining("\n"));
        return new ConfigException(first.source, first.line, first.key, message,
                sorted.stream().mapToInt(ConfigException::problems).sum());
    }

    /** How many problems this reports (one line each). */
    public int problems() {
        return problems;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }
}
