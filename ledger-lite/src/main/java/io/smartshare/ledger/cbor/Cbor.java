package io.smartshare.ledger.cbor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        Reader reader = new Reader(bytes, offset, offset + length);
        CborValue value = reader.item(0);
        if (reader.pos != reader.end) {
            throw new CborException("offset " + (reader.pos - offset) + ": " + (reader.end - reader.pos)
                    + " trailing bytes after the data item");
        }
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

    private static final class Reader {
        private final byte[] bytes;
        private final int start;
        private final int end;
        private int pos;

        Reader(byte[] bytes, int start, int end) {
            if (start < 0 || end > bytes.length || start > end) {
                throw new IndexOutOfBoundsException("range [" + start + ", " + end + ") of " + bytes.length);
            }
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            this.pos = start;
        }

        private CborException error(int at, String what) {
            return new CborException("offset " + (at - start) + ": " + what);
        }

        private CborValue floatItem(int at, int info) {
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
                case 26 -> java.lang.Float.intBitsToFloat((int) bits);
                default -> Double.longBitsToDouble(bits);
            };
            FloatEncoding.Encoded preferred = FloatEncoding.encode(value);
            if (preferred.info() != info || preferred.bits() != bits) {
                throw error(at, "float not in its shortest form (expected " + (1 << (preferred.info() - 24))
                        + " bytes" + (Double.isNaN(value) ? ", NaN as 0xf97e00" : "") + ")");
            }
            return new CborValue.Float(value);
        }

        CborValue item(int depth) {
            int at = pos;
            if (pos >= end) {
                throw error(at, "expected a data item, found end of input");
            }
            int initial = bytes[pos++] & 0xff;
            int major = initial >>> 5;
            int info = initial & 31;
            if (major == 7) {
                return switch (info) {
                    case 20 -> new CborValue.Bool(false);
                    case 21 -> new CborValue.Bool(true);
                    case 22 -> CborValue.Null.NULL;
                    case 25, 26, 27 -> floatItem(at, info);
                    case 31 -> throw error(at, "unexpected 'break' (indefinite lengths are not accepted)");
                    default -> throw error(at, "simple value " + info + " is not accepted (only false, true, null)");
                };
            }
            long argument = argument(at, info);
            return switch (major) {
                case 0 -> {
                    if (argument < 0) {
                        throw error(at, "unsigned integer above 2^63-1 is out of range");
                    }
                    yield new CborValue.Int(argument);
                }
                case 1 -> {
                    if (argument < 0) {
                        throw error(at, "negative integer below -2^63 is out of range");
                    }
                    yield new CborValue.Int(-1 - argument);
                }
                case 2 -> new CborValue.Bytes(take(at, argument));
                case 3 -> new CborValue.Text(utf8(at, take(at, argument)));
                case 4 -> array(at, argument, depth);
                case 5 -> map(at, argument, depth);
                case 6 -> throw error(at, "tags are not accepted");
                default -> throw new IllegalStateException("major type " + major);
            };
        }

        private long argument(int at, int info) {
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

        private byte[] take(int at, long length) {
            if (length < 0 || length > end - pos) {
                throw error(at, "length " + Long.toUnsignedString(length) + " exceeds the " + (end - pos)
                        + " remaining bytes");
            }
            byte[] out = Arrays.copyOfRange(bytes, pos, pos + (int) length);
            pos += (int) length;
            return out;
        }

        private String utf8(int at, byte[] raw) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                return decoder.decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                throw error(at, "text string is not valid UTF-8");
            }
        }

        private void checkCount(int at, long count, int depth) {
            if (depth >= MAX_DEPTH) {
                throw error(at, "nesting deeper than " + MAX_DEPTH);
            }
            if (count < 0 || count > end - pos) {
                throw error(at, "count " + Long.toUnsignedString(count) + " exceeds the " + (end - pos)
                        + " remaining bytes");
            }
        }

        private CborValue array(int at, long count, int depth) {
            checkCount(at, count, depth);
            List<CborValue> items = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                items.add(item(depth + 1));
            }
            return new CborValue.Array(items);
        }

        private CborValue map(int at, long count, int depth) {
            checkCount(at, count, depth);
            List<CborMap.Entry> entries = new ArrayList<>((int) count);
            List<byte[]> keys = new ArrayList<>((int) count);
            int previousStart = -1;
            int previousEnd = -1;
            for (long i = 0; i < count; i++) {
                int keyStart = pos;
                CborValue key = item(depth + 1);
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
                entries.add(new CborMap.Entry(key, item(depth + 1)));
                keys.add(Arrays.copyOfRange(bytes, keyStart, keyEnd));
            }
            return CborMap.ofSorted(entries, keys);
        }
    }
}
