package io.smartshare.node.json;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a document tree as compact JSON (RFC 8259), and reads one ({@link #read}). A document is built from {@code Map}s
 * with text keys, {@code List}s, text, booleans, integers, finite decimals and byte arrays
 * (written as base64url text without padding, as RFC 8949 §6.1 converts CBOR byte
 * strings); anything else is a programming error.
 */
public final class Json {
    private Json() {
    }

    /**
     * The document tree of a JSON text (maps, lists and scalars), read as YAML (a superset)
     * by SnakeYAML's safe constructor alone: a Yaml object would also make its JavaBeans
     * support, which needs java.desktop (not in the node's images).
     *
     * @throws RuntimeException (SnakeYAML's) if {@code text} is not well formed
     */
    public static Object read(String text) {
        LoaderOptions options = new LoaderOptions();
        SafeConstructor constructor = new SafeConstructor(options);
        constructor.setComposer(new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options));
        return constructor.getSingleData(Object.class);
    }

    /** The JSON text of {@code document}. */
    public static String write(Object document) {
        StringBuilder out = new StringBuilder(256);
        append(out, document);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value instanceof String text) {
            appendString(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double number) {
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("JSON has no representation for " + number);
            }
            out.append(number.doubleValue());
        } else if (value instanceof byte[] bytes) {
            appendString(out, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        } else if (value instanceof Map<?, ?> map) {
            appendMap(out, map);
        } else if (value instanceof List<?> list) {
            appendList(out, list);
        } else {
            throw new IllegalArgumentException("not a document value: " + value.getClass().getName());
        }
    }

    private static void appendMap(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, (String) entry.getKey());
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    private static void appendList(StringBuilder out, List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            append(out, list.get(i));
        }
        out.append(']');
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
