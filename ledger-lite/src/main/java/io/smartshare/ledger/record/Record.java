package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.merkle.Hash;
import java.util.Objects;

/**
 * One log entry (docs/ledger-format.md §2): format version, position {@code seq}, the
 * leaf hash {@code prev} of the record before it, the writer's time in milliseconds and a
 * typed body. Its encoding is deterministic CBOR, so a record has exactly one byte form.
 */
public record Record(long seq, Hash prev, long timeMillis, RecordBody body) {
    /** The only format version. */
    public static final int VERSION = 1;
    /** Largest encoded record, in bytes. */
    public static final int MAX_ENCODED_LENGTH = 65536;

    public Record {
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(body, "body");
        if (seq < 0 || timeMillis < 0) {
            throw new RecordException("record: seq and time must be >= 0, found seq " + seq + ", time " + timeMillis);
        }
        if (seq == 0 && !prev.equals(Hash.ZERO)) {
            throw new RecordException("record 0: field prev: expected 32 zero bytes, found " + prev);
        }
    }

    /** The type code of the body. */
    public int type() {
        return body.typeCode();
    }

    /**
     * The deterministic CBOR encoding.
     *
     * @throws RecordException if it would exceed {@link #MAX_ENCODED_LENGTH}
     */
    public byte[] encode() {
        byte[] bytes = Cbor.encode(CborMap.builder()
                .put(0, VERSION)
                .put(1, seq)
                .put(2, prev.bytes())
                .put(3, timeMillis)
                .put(4, body.typeCode())
                .put(5, body.toCbor())
                .build());
        if (bytes.length > MAX_ENCODED_LENGTH) {
            throw new RecordException("record " + seq + ": encoded length " + bytes.length + " exceeds the maximum "
                    + MAX_ENCODED_LENGTH);
        }
        return bytes;
    }

    /**
     * Decodes a record, strictly: canonical CBOR, exactly the fields of format version 1,
     * a valid body (including a valid receipt signature).
     *
     * @throws RecordException naming the field or byte offset at fault
     */
    public static Record decode(byte[] bytes, int offset, int length) {
        CborValue value;
        try {
            value = Cbor.decode(bytes, offset, length);
        } catch (CborException e) {
            throw new RecordException("record: not deterministic CBOR: " + e.getMessage(), e);
        }
        Fields f = Fields.of(value, "record", 6);
        long version = f.uint(0, "version");
        if (version != VERSION) {
            throw new RecordException("record: field version: expected " + VERSION + ", found " + version);
        }
        long seq = f.uint(1, "seq");
        return new Record(seq, Hash.of(f.bytes(2, "prev", Hash.LENGTH)), f.uint(3, "time"),
                RecordBody.fromCbor(f.uint(4, "type"), f.get(5)));
    }

    /** Decodes all of {@code bytes}; see {@link #decode(byte[], int, int)}. */
    public static Record decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * The type code of an encoded record, read from its leading fields without decoding the
     * body. For records already known to be valid (e.g. covered by a checked CRC).
     *
     * @throws RecordException if the leading fields are not laid out as in format version 1
     */
    public static int peekType(byte[] encoded) {
        int[] pos = {0};
        expect(encoded, pos, 0xa6, "map of 6 fields");
        for (int key = 0; key <= 4; key++) {
            expect(encoded, pos, key, "key " + key);
            long value = head(encoded, pos, key == 2 ? 2 : 0);
            if (key == 2) {
                pos[0] += (int) value;
            }
            if (key == 4) {
                return (int) value;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static void expect(byte[] b, int[] pos, int value, String what) {
        if (pos[0] >= b.length || (b[pos[0]] & 0xff) != value) {
            throw new RecordException("record: byte " + pos[0] + ": expected " + what);
        }
        pos[0]++;
    }

    private static long head(byte[] b, int[] pos, int major) {
        if (pos[0] >= b.length || (b[pos[0]] & 0xff) >>> 5 != major) {
            throw new RecordException("record: byte " + pos[0] + ": expected major type " + major);
        }
        int info = b[pos[0]++] & 31;
        if (info < 24) {
            return info;
        }
        int n = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : -1;
        if (n < 0 || pos[0] + n > b.length) {
            throw new RecordException("record: byte " + (pos[0] - 1) + ": bad argument");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[pos[0]++] & 0xff);
        }
        return v;
    }
}
