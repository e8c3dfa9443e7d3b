package io.smartshare.ledger.cbor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A CBOR map (major type 5) whose entries are held in deterministic order: sorted by the
 * bytewise lexicographic order of their encoded keys (RFC 8949 §4.2.1). Keys are unique.
 * Integer keys and text keys (and, though rarely useful, any other value) may be mixed.
 */
public final class CborMap implements CborValue {
    /** One key/value pair. */
    public record Entry(CborValue key, CborValue value) {
        public Entry {
            java.util.Objects.requireNonNull(key, "key");
            java.util.Objects.requireNonNull(value, "value");
        }
    }

    private final List<Entry> entries;
    private final List<byte[]> encodedKeys;

    private CborMap(List<Entry> entries, List<byte[]> encodedKeys) {
        this.entries = entries;
        this.encodedKeys = encodedKeys;
    }

    /** The empty map. */
    public static CborMap empty() {
        return new CborMap(List.of(), List.of());
    }

    /** Starts a map; entries may be added in any order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Entries in deterministic order (unmodifiable). */
    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** The value under {@code key}, if present. */
    public Optional<CborValue> get(CborValue key) {
        for (Entry e : entries) {
            if (e.key().equals(key)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** The value under integer key {@code key}, if present. */
    public Optional<CborValue> get(long key) {
        return get(new CborValue.Int(key));
    }

    /** The value under text key {@code key}, if present. */
    public Optional<CborValue> get(String key) {
        return get(new CborValue.Text(key));
    }

    List<byte[]> encodedKeys() {
        return encodedKeys;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CborMap other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "CborMap" + entries;
    }

    /** Builds a {@link CborMap}; rejects a key added twice. Not thread-safe. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();

        private Builder() {
        }

        public Builder put(CborValue key, CborValue value) {
            entries.add(new Entry(key, value));
            return this;
        }

        public Builder put(long key, CborValue value) {
            return put(new CborValue.Int(key), value);
        }

        public Builder put(String key, CborValue value) {
            return put(new CborValue.Text(key), value);
        }

        public Builder put(long key, long value) {
            return put(new CborValue.Int(key), new CborValue.Int(value));
        }

        public Builder put(long key, byte[] value) {
            return put(new CborValue.Int(key), new CborValue.Bytes(value));
        }

        public Builder put(long key, String value) {
            return put(new CborValue.Int(key), new CborValue.Text(value));
        }

        /**
         * Sorts the entries into deterministic order.
         *
         * @throws CborException if two entries have equal keys
         */
        public CborMap build() {
            int n = entries.size();
            Integer[] order = new Integer[n];
            byte[][] keys = new byte[n][];
            for (int i = 0; i < n; i++) {
                order[i] = i;
                keys[i] = Cbor.encode(entries.get(i).key());
            }
            Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
            List<Entry> sorted = new ArrayList<>(n);
            List<byte[]> sortedKeys = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                if (i > 0 && Arrays.equals(keys[order[i]], keys[order[i - 1]])) {
                    throw new CborException("map: duplicate key " + entries.get(order[i]).key());
                }
                sorted.add(entries.get(order[i]));
                sortedKeys.add(keys[order[i]]);
            }
            return new CborMap(Collections.unmodifiableList(sorted), Collections.unmodifiableList(sortedKeys));
        }
    }

    static CborMap ofSorted(List<Entry> entries, List<byte[]> encodedKeys) {
        return new CborMap(Collections.unmodifiableList(entries), Collections.unmodifiableList(encodedKeys));
    }
}
