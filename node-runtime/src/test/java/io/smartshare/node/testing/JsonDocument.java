package io.smartshare.node.testing;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Reads a JSON answer into maps and lists for assertions (JSON is YAML 1.2's subset). */
public final class JsonDocument {
    private JsonDocument() {
    }

    /** The JSON object in {@code text}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        Object parsed = new Yaml(new LoaderOptions()).load(text);
        if (!(parsed instanceof Map<?, ?>)) {
            throw new AssertionError("not a JSON object: " + text);
        }
        return (Map<String, Object>) parsed;
    }

    /** The object at {@code key} of {@code map}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    /** The list at {@code key} of {@code map}. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> list(Map<String, Object> map, String key) {
        return (List<T>) map.get(key);
    }

    /** The number at {@code key} of {@code map}, as a long. */
    public static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
