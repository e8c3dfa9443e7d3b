package io.smartshare.ledger.storage;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The 56-byte header of a segment file: {@code "SSLEDGER" || u32 version || u64 first
 * seq || public key (32) || u32 CRC32C} (docs/ledger-format.md §3).
 */
public record SegmentHeader(long firstSeq, Ed25519PublicKey key) {
    /** Encoded length in bytes. */
    public static final int LENGTH = 56;
    /** The only format version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "SSLEDGER".getBytes(StandardCharsets.US_ASCII);

    public SegmentHeader {
        Objects.requireNonNull(key, "key");
        if (firstSeq < 0) {
            throw new IllegalArgumentException("segment header: first seq " + firstSeq + " < 0");
        }
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(MAGIC).putInt(VERSION).putLong(firstSeq).put(key.encoded());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, LENGTH - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Decodes and checks a header.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static SegmentHeader decode(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("segment header: expected " + LENGTH + " bytes, found " + bytes.length);
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("segment header: bad magic (expected 'SSLEDGER')");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, LENGTH - 4);
        if ((int) crc.getValue() != b.getInt(LENGTH - 4)) {
            throw new IllegalArgumentException("segment header: CRC32C mismatch");
        }
        int version = b.getInt(8);
        if (version != VERSION) {
            throw new IllegalArgumentException("segment header: version: expected " + VERSION + ", found " + version);
        }
        long firstSeq = b.getLong(12);
        try {
            return new SegmentHeader(firstSeq, Ed25519PublicKey.of(Arrays.copyOfRange(bytes, 20, 52)));
        } catch (IdentityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("segment header: " + e.getMessage(), e);
        }
    }
}
