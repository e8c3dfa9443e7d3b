package io.smartshare.ledger.cbor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

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
 * {@code b} for every accepted {@code b}. Thread-safe (stateless).
 */
public final class Cbor {
    /** Deepest nesting of arrays and maps that {@link #decode} accepts. */
    public static final int MAX_DEPTH = 32;

    private Cbor() {
    }

    /** The deterministic encoding of {@code value}. */
    public static byte[] encode(CborValue value) {
        Out out = new Out(64);
        write(out, value);
        return out.toByteArray();
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

    private static void write(Out out, CborValue value) {
        if (value instanceof CborValue.Int i) {
            long v = i.value();
            if (v >= 0) {
                head(out, 0, v);
            } else {
                head(out, 1, -1 - v);
            }
        } else if (value instanceof CborValue.Bytes b) {
            head(out, 2, b.length());
            out.write(b.unsafeValue());
        } else if (value instanceof CborValue.Text t) {
            byte[] utf8 = t.value().getBytes(StandardCharsets.UTF_8);
            head(out, 3, utf8.length);
            out.write(utf8);
        } else if (value instanceof CborValue.Array a) {
            head(out, 4, a.items().size());
            for (CborValue item : a.items()) {
                write(out, item);
            }
        } else if (value instanceof CborMap m) {
            head(out, 5, m.size());
            List<byte[]> keys = m.encodedKeys();
            for (int i = 0; i < keys.size(); i++) {
                out.write(keys.get(i));
                write(out, m.entries().get(i).value());
            }
        } else if (value instanceof CborValue.Bool b) {
            out.write(b.value() ? 0xf5 : 0xf4);
        } else if (value instanceof CborValue.Float f) {
            FloatEncoding.Encoded encoded = FloatEncoding.encode(f.value());
            out.write(0xe0 | encoded.info());
            out.writeBigEndian(encoded.bits(), 1 << (encoded.info() - 24));
        } else {
            out.write(0xf6);
        }
    }

    private static void head(Out out, int major, long argument) {
        int mt = major << 5;
        if (argument < 0) {
            throw new IllegalArgumentException("negative argument " + argument);
        } else if (argument < 24) {
            out.write(mt | (int) argument);
        } else if (argument < 0x100) {
            out.write(mt | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(mt | 25);
            out.writeBigEndian(argument, 2);
        } else if (argument < 0x1_0000_0000L) {
            out.write(mt | 26);
            out.writeBigEndian(argument, 4);
        } else {
            out.write(mt | 27);
            out.writeBigEndian(argument, 8);
        }
    }

    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(int extra) {
            if (size + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
            }
        }

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void write(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
        }

        void writeBigEndian(long v, int n) {
            ensure(n);
            for (int i = n - 1; i >= 0; i--) {
                buf[size++] = (byte) (v >>> (8 * i));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
