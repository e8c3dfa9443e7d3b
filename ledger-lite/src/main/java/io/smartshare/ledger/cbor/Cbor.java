package io.smartshare.ledger.cbor;

/**
 * Deterministic CBOR (RFC 8949 §4.2.1, "core deterministic encoding") for the values of
 * {@link CborValue}.
 *
 * <p>{@link #encode} always writes the shortest heads, definite lengths and maps sorted by
 * the bytewise order of their encoded keys. {@link #decode} accepts exactly those
 * encodings and nothing else: it rejects non-shortest integers and lengths, indefinite
 * lengths, unsorted or duplicate map keys, floats, tags, simple values other than
 * false/true/null, integers outside the signed 64-bit range, invalid UTF-8, nesting deeper
 * than {@value #MAX_DEPTH} and trailing bytes. So {@code encode(decode(b))} equals
 * {@code b} for every accepted {@code b}. Thread-safe (stateless). For field-by-field
 * work see {@link CborWriter} and {@link CborReader}.
 */
public final class Cbor {
    /** Deepest nesting of arrays and maps that {@link #decode} accepts. */
    public static final int MAX_DEPTH = 32;

    private Cbor() {
    }

    /** The deterministic encoding of {@code value}. */
    public static byte[] encode(CborValue value) {
        return new CborWriter(64).writeValue(value).toByteArray();
    }

    /**
     * Decodes exactly one deterministic data item filling all of {@code bytes}.
     *
     * @throws CborException naming the offset of the first byte that is not accepted
     */
    public static CborValue decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Like {@link #decode(byte[])} over {@code bytes[offset, offset + length)}. */
    public static CborValue decode(byte[] bytes, int offset, int length) {
        CborReader reader = new CborReader(bytes, offset, length);
        CborValue value = reader.readValue();
        reader.expectEnd();
        return value;
    }
}
