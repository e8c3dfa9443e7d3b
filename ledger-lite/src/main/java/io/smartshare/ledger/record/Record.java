package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborWriter;
import io.smartshare.ledger.cbor.CborReader;
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
        CborWriter w = new CborWriter(128);
        w.writeMapHeader(6).writeUint(0).writeUint(VERSION).writeUint(1).writeUint(seq).writeUint(2)
                .writeBytes(prev.bytes()).writeUint(3).writeUint(timeMillis).writeUint(4).writeUint(body.typeCode())
                .writeUint(5);
        body.write(w);
        byte[] bytes = w.toByteArray();
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
        CborReader reader = new CborReader(bytes, offset, length);
        Fields f = leadingFields(reader);
        long seq = f.uint("seq");
        Hash prev = Hash.of(f.bytes("prev", Hash.LENGTH));
        long time = f.uint("time");
        long type = f.uint("type");
        f.key("body");
        Record record = new Record(seq, prev, time, RecordBody.read(type, reader));
        if (!reader.atEnd()) {
            throw new RecordException("record: offset " + reader.position() + ": trailing bytes after the record");
        }
        return record;
    }

    /** Decodes all of {@code bytes}; see {@link #decode(byte[], int, int)}. */
    public static Record decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * The type code of an encoded record, read from its leading fields without decoding the
     * body.
     *
     * @throws RecordException if the leading fields are not those of format version 1
     */
    public static int peekType(byte[] encoded) {
        Fields f = leadingFields(new CborReader(encoded, 0, encoded.length));
        f.uint("seq");
        f.bytes("prev", Hash.LENGTH);
        f.uint("time");
        return (int) Math.min(f.uint("type"), Integer.MAX_VALUE);
    }

    /** Reads the record map's head and its version field. */
    private static Fields leadingFields(CborReader reader) {
        Fields f = Fields.of(reader, "record", 6);
        long version = f.uint("version");
        if (version != VERSION) {
            throw new RecordException("record: field version: expected " + VERSION + ", found " + version);
        }
        return f;
    }
}
