package io.smartshare.ledger.cbor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes deterministic CBOR item by item: every head in shortest form, definite lengths.
 * For maps written field by field the caller writes keys in deterministic order (e.g.
 * small integer keys ascending); {@link #writeValue} sorts maps itself. Not thread-safe.
 */
public final class CborWriter {
    private byte[] buf;
    private int size;

    /** A writer with room for {@code capacity} bytes before it grows. */
    public CborWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public CborWriter writeUint(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("unsigned integer expected, found " + value);
        }
        head(0, value);
        return this;
    }

    public CborWriter writeInt(long value) {
        if (value >= 0) {
            head(0, value);
        } else {
            head(1, -1 - value);
        }
        return this;
    }

    public CborWriter writeBytes(byte[] value) {
        head(2, value.length);
        raw(value);
        return this;
    }

    public CborWriter writeText(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        head(3, utf8.length);
        raw(utf8);
        return this;
    }

    public CborWriter writeArrayHeader(int count) {
        head(4, count);
        return this;
    }

    public CborWriter writeMapHeader(int count) {
        head(5, count);
        return this;
    }

    public CborWriter writeBool(boolean value) {
        ensure(1);
        buf[size++] = (byte) (value ? 0xf5 : 0xf4);
        return this;
    }

    /** Writes {@code value} in its preferred (shortest exact) float form. */
    public CborWriter writeFloat(double value) {
        FloatEncoding.Encoded encoded = FloatEncoding.encode(value);
        ensure(9);
        buf[size++] = (byte) (0xe0 | encoded.info());
        bigEndian(encoded.bits(), 1 << (encoded.info() - 24));
        return this;
    }

    public CborWriter writeNull() {
        ensure(1);
        buf[size++] = (byte) 0xf6;
        return this;
    }

    /** Writes any value of the model; maps come out sorted by encoded key. */
    public CborWriter writeValue(CborValue value) {
        if (value instanceof CborValue.Int i) {
            writeInt(i.value());
        } else if (value instanceof CborValue.Bytes b) {
            head(2, b.length());
            raw(b.unsafeValue());
        } else if (value instanceof CborValue.Text t) {
            writeText(t.value());
        } else if (value instanceof CborValue.Array a) {
            writeArrayHeader(a.items().size());
            for (CborValue item : a.items()) {
                writeValue(item);
            }
        } else if (value instanceof CborMap m) {
            writeMapHeader(m.size());
            List<byte[]> keys = m.encodedKeys();
            for (int i = 0; i < keys.size(); i++) {
                raw(keys.get(i));
                writeValue(m.entries().get(i).value());
            }
        } else if (value instanceof CborValue.Bool b) {
            writeBool(b.value());
        } else if (value instanceof CborValue.Float f) {
            writeFloat(f.value());
        } else {
            writeNull();
        }
        return this;
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Number of bytes written so far. */
    public int size() {
        return size;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void head(int major, long argument) {
        ensure(9);
        int mt = major << 5;
        if (argument < 24) {
            buf[size++] = (byte) (mt | (int) argument);
        } else if (argument < 0x100) {
            buf[size++] = (byte) (mt | 24);
            buf[size++] = (byte) argument;
        } else if (argument < 0x10000) {
            buf[size++] = (byte) (mt | 25);
            bigEndian(argument, 2);
        } else if (argument < 0x1_0000_0000L) {
            buf[size++] = (byte) (mt | 26);
            bigEndian(argument, 4);
        } else {
            buf[size++] = (byte) (mt | 27);
            bigEndian(argument, 8);
        }
    }

    private void bigEndian(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
    }
}
