package io.smartshare.ledger.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict pull reader of deterministic CBOR, for decoders that know the shape they expect
 * (and for {@link Cbor#decode}). Every head must be in shortest form and of definite
 * length; floats, tags and simple values other than false/true/null are rejected; maps read
 * with {@link #readValue()} must have sorted, unique keys. Errors are {@link CborException}s
 * naming the offset. Not thread-safe.
 */
public final class CborReader {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private int pos;

    /** Reads {@code bytes[offset, offset + length)}. */
    public CborReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + (offset + length) + ") of " + bytes.length);
        }
        this.bytes = bytes;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** Offset of the next byte, relative to the start of the input. */
    public int position() {
        return pos - start;
    }

    /** True if every byte has been read. */
    public boolean atEnd() {
        return pos == end;
    }

    /** @throws CborException if bytes are left */
    public void expectEnd() {
        if (pos != end) {
            throw error(pos, (end - pos) + " trailing bytes after the data item");
        }
    }

    private CborException error(int at, String what) {
        return new CborException("offset " + (at - start) + ": " + what);
    }

    /** The major type (0..7) of the next item, without consuming it. */
    public int peekMajorType() {
        if (pos >= end) {
            throw error(pos, "expected a data item, found end of input");
        }
        return (bytes[pos] & 0xff) >>> 5;
    }

    /** Reads an integer (major type 0 or 1) in the signed 64-bit range. */
    public long readInt() {
        int at = pos;
        int major = peekMajorType();
        if (major > 1) {
            throw error(at, "expected an integer, found major type " + major);
        }
        long argument = head(major);
        if (argument < 0) {
            throw error(at, major == 0 ? "unsigned integer above 2^63-1 is out of range"
                    : "negative integer below -2^63 is out of range");
        }
        return major == 0 ? argument : -1 - argument;
    }

    /** Reads an unsigned integer (major type 0) up to 2^63-1. */
    public long readUint() {
        if (peekMajorType() != 0) {
            throw error(pos, "expected an unsigned integer, found major type " + peekMajorType());
        }
        return readInt();
    }

    /** Reads a byte string. */
    public byte[] readBytes() {
        int at = pos;
        long length = head(2);
        checkLength(at, length);
        byte[] out = Arrays.copyOfRange(bytes, pos, pos + (int) length);
        pos += (int) length;
        return out;
    }

    /** Reads a text string, which must be valid UTF-8. */
    public String readText() {
        int at = pos;
        long length = head(3);
        checkLength(at, length);
        int from = pos;
        int to = pos + (int) length;
        pos = to;
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
                } catch (CharacterCodingException e) {
                    throw error(at, "text string is not valid UTF-8");
                }
            }
        }
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Reads an array head; returns the item count. */
    public int readArrayHeader() {
        int at = pos;
        return checkCount(at, head(4));
    }

    /** Reads a map head; returns the number of key/value pairs. */
    public int readMapHeader() {
        int at = pos;
        return checkCount(at, head(5));
    }

    /** Reads any item of the supported model, checking map key order, up to {@link Cbor#MAX_DEPTH}. */
    public CborValue readValue() {
        return value(0);
    }

    private CborValue value(int depth) {
        int at = pos;
        switch (peekMajorType()) {
            case 0, 1:
                return new CborValue.Int(readInt());
            case 2:
                return new CborValue.Bytes(readBytes());
            case 3:
                return new CborValue.Text(readText());
            case 4: {
                int count = readArrayHeader();
                checkDepth(at, depth);
                List<CborValue> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(value(depth + 1));
                }
                return new CborValue.Array(items);
            }
            case 5:
                return map(at, readMapHeader(), depth);
            case 6:
                throw error(at, "tags are not accepted");
            default:
                return simple(at);
        }
    }

    private CborValue simple(int at) {
        int info = bytes[pos++] & 31;
        return switch (info) {
            case 20 -> new CborValue.Bool(false);
            case 21 -> new CborValue.Bool(true);
            case 22 -> CborValue.Null.NULL;
            case 25, 26, 27 -> floatValue(at, info);
            case 31 -> throw error(at, "unexpected 'break' (indefinite lengths are not accepted)");
            default -> throw error(at, "simple value " + info + " is not accepted (only false, true, null)");
        };
    }

    private CborValue floatValue(int at, int info) {
        int length = 1 << (info - 24);
        if (end - pos < length) {
            throw error(at, "float needs " + length + " bytes, found " + (end - pos));
        }
        long bits = 0;
        for (int i = 0; i < length; i++) {
            bits = (bits << 8) | (bytes[pos++] & 0xff);
        }
        double value = switch (info) {
            case 25 -> FloatEncoding.halfToDouble((int) bits);
            case 26 -> Float.intBitsToFloat((int) bits);
            default -> Double.longBitsToDouble(bits);
        };
        FloatEncoding.Encoded preferred = FloatEncoding.encode(value);
        if (preferred.info() != info || preferred.bits() != bits) {
            throw error(at, "float not in its shortest form (expected " + (1 << (preferred.info() - 24))
                    + " bytes" + (Double.isNaN(value) ? ", NaN as 0xf97e00" : "") + ")");
        }
        return new CborValue.Float(value);
    }

    private CborValue map(int at, int count, int depth) {
        checkDepth(at, depth);
        List<CborMap.Entry> entries = new ArrayList<>(count);
        List<byte[]> keys = new ArrayList<>(count);
        int previousStart = -1;
        int previousEnd = -1;
        for (int i = 0; i < count; i++) {
            int keyStart = pos;
            CborValue key = value(depth + 1);
            int keyEnd = pos;
            if (previousStart >= 0) {
                int order = Arrays.compareUnsigned(bytes, previousStart, previousEnd, bytes, keyStart, keyEnd);
                if (order == 0) {
                    throw error(keyStart, "duplicate map key " + key);
                }
                if (order > 0) {
                    throw error(keyStart, "map key " + key + " out of order (keys must be sorted bytewise)");
                }
            }
            previousStart = keyStart;
            previousEnd = keyEnd;
            entries.add(new CborMap.Entry(key, value(depth + 1)));
            keys.add(Arrays.copyOfRange(bytes, keyStart, keyEnd));
        }
        return CborMap.ofSorted(entries, keys);
    }

    private void checkDepth(int at, int depth) {
        if (depth >= Cbor.MAX_DEPTH) {
            throw error(at, "nesting deeper than " + Cbor.MAX_DEPTH);
        }
    }

    private void checkLength(int at, long length) {
        if (length < 0 || length > end - pos) {
            throw error(at, "length " + Long.toUnsignedString(length) + " exceeds the " + (end - pos)
                    + " remaining bytes");
        }
    }

    private int checkCount(int at, long count) {
        if (count < 0 || count > end - pos) {
            throw error(at, "count " + Long.toUnsignedString(count) + " exceeds the " + (end - pos)
                    + " remaining bytes");
        }
        return (int) count;
    }

    /** Reads a head of major type {@code major}; returns its argument (negative if above 2^63-1). */
    private long head(int major) {
        int at = pos;
        int found = peekMajorType();
        if (found != major) {
            throw error(at, "expected major type " + major + ", found " + found
                    + (found == 7 ? " (a simple value or float)" : ""));
        }
        int info = bytes[pos++] & 31;
        if (info < 24) {
            return info;
        }
        int n = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            case 31 -> throw error(at, "indefinite lengths are not accepted");
            default -> throw error(at, "reserved additional information " + info);
        };
        if (end - pos < n) {
            throw error(at, "expected " + n + " argument bytes, found " + (end - pos));
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (bytes[pos++] & 0xff);
        }
        long minimum = switch (n) {
            case 1 -> 24;
            case 2 -> 0x100;
            case 4 -> 0x10000;
            default -> 0x1_0000_0000L;
        };
        if (Long.compareUnsigned(v, minimum) < 0) {
            throw error(at, "argument " + Long.toUnsignedString(v) + " not in shortest form (" + n + " bytes used)");
        }
        return v;
    }
}
