package io.smartshare.ledger.cbor;

/**
 * A CBOR data item of the deterministic subset this codec supports: integers in the signed
 * 64-bit range, byte strings, UTF-8 text strings, arrays, maps, {@code true}, {@code false},
 * {@code null} and floating-point numbers (in their preferred, shortest exact form). Tags,
 * undefined and other simple values are outside the model, so they can be neither encoded
 * nor decoded. Ledger records use no floats: their fields are integers.
 *
 * <p>All implementations are immutable; {@link Cbor#encode} of a value is its unique
 * deterministic encoding (RFC 8949 §4.2.1).
 */
public sealed interface CborValue
        permits CborValue.Int, CborValue.Bytes, CborValue.Text, CborValue.Array, CborMap, CborValue.Bool,
        CborValue.Null, CborValue.Float {

    /**
     * A floating-point number (major type 7), encoded as the shortest of half, single and
     * double precision that holds it exactly; every NaN as the half-precision quiet NaN.
     */
    record Float(double value) implements CborValue {
    }

    /** An integer (major type 0 or 1). */
    record Int(long value) implements CborValue {
    }

    /** A byte string (major type 2). The array is copied in and out. */
    record Bytes(byte[] value) implements CborValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** Length in bytes, without copying. */
        public int length() {
            return value.length;
        }

        byte[] unsafeValue() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && java.util.Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "h'" + java.util.HexFormat.of().formatHex(value) + "'";
        }
    }

    /** A text string (major type 3). */
    record Text(String value) implements CborValue {
        public Text {
            java.util.Objects.requireNonNull(value, "value");
        }
    }

    /** An array (major type 4); the list is copied and unmodifiable. */
    record Array(java.util.List<CborValue> items) implements CborValue {
        public Array {
            items = java.util.List.copyOf(items);
        }
    }

    /** {@code true} or {@code false} (simple values 21 and 20). */
    record Bool(boolean value) implements CborValue {
    }

    /** {@code null} (simple value 22). */
    enum Null implements CborValue {
        NULL
    }

    static Int of(long value) {
        return new Int(value);
    }

    static Text of(String value) {
        return new Text(value);
    }

    static Bytes of(byte[] value) {
        return new Bytes(value);
    }

    static Bool of(boolean value) {
        return new Bool(value);
    }
}
