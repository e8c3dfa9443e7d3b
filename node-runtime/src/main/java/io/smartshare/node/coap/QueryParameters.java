package io.smartshare.node.coap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code name=value} query parameters of a request, with typed access. Unknown or
 * repeated names and malformed numbers are 4.00 {@link RequestException}s.
 */
public final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code queries} (one Uri-Query option each), accepting only {@code allowed} names. */
    public static QueryParameters parse(List<String> queries, Set<String> allowed) {
        Map<String, String> values = new HashMap<>();
        for (String query : queries) {
            int eq = query.indexOf('=');
            String name = eq < 0 ? query : query.substring(0, eq);
            if (!allowed.contains(name)) {
                throw RequestException.badRequest("unknown query parameter '" + name + "'; expected one of "
                        + new java.util.TreeSet<>(allowed));
            }
            if (values.put(name, eq < 0 ? "" : query.substring(eq + 1)) != null) {
                throw RequestException.badRequest("query parameter '" + name + "' given twice");
            }
        }
        return new QueryParameters(values);
    }

    /** A non-negative integer parameter, if present. */
    public Optional<Long> count(String name) {
        String text = values.get(name);
        if (text == null) {
            return Optional.empty();
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw RequestException.badRequest("query parameter '" + name + "': expected a number >= 0, found '" + text + "'");
        }
    }

    /** A text parameter, if present. */
    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** No parameters. */
    public static QueryParameters none() {
        return new QueryParameters(Map.of());
    }
}
