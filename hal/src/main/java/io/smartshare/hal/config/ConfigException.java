package io.smartshare.hal.config;

/**
 * A configuration file (a board file, an operator config) is wrong. The message reads
 * {@code <file>:<line>: <key>: <problem>}, so an operator can go straight to the spot.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String key;

    /**
     * @param source the file (or other named source) at fault
     * @param line 1-based line of the offending key or value
     * @param key dotted path of the key, e.g. {@code coap.port}; empty for the document itself
     * @param problem what is wrong, with the expected and the found value where useful
     */
    public ConfigException(String source, int line, String key, String problem) {
        super(source + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
        this.source = source;
        this.line = line;
        this.key = key;
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
