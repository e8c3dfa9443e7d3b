package io.smartshare.hal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collects the errors of the independent parts of one configuration file, so that a reader
 * reports every wrong part in one run instead of stopping at the first ({@code board check}).
 * A part whose reading fails yields nothing; the reader goes on with the next and calls
 * {@link #throwIfAny} at the end. Not thread-safe: one reader, one file.
 */
public final class ConfigErrors {
    private final List<ConfigException> errors = new ArrayList<>();

    /** Reads one part: its value, or empty after recording why it is wrong. */
    public <T> Optional<T> attempt(Supplier<T> part) {
        try {
            return Optional.of(part.get());
        } catch (ConfigException e) {
            errors.add(e);
            return Optional.empty();
        }
    }

    /**
     * Reads each item of a list on its own, so every wrong item is recorded: all of them, or
     * empty if one is wrong.
     */
    public <T> Optional<List<T>> each(List<ConfigMap> items, Function<ConfigMap, T> item) {
        List<T> read = new ArrayList<>();
        boolean wrong = false;
        for (ConfigMap map : items) {
            Optional<T> value = attempt(() -> item.apply(map));
            value.ifPresent(read::add);
            wrong |= value.isEmpty();
        }
        return wrong ? Optional.empty() : Optional.of(read);
    }

    /** Checks one part that yields nothing, recording why it is wrong. */
    public void check(Runnable part) {
        attempt(() -> {
            part.run();
            return Boolean.TRUE;
        });
    }

    /**
     * Throws every error recorded (one exception, a line each, in file order), if any.
     *
     * @throws ConfigException if a part was wrong
     */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ConfigException.all(errors);
        }
    }
}
