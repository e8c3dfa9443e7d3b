package io.smartshare.ledger.storage;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * {@code tree.check} (docs/ledger-format.md §4, "Checking tree.hashes"): the CRC32C of the
 * hashes {@code tree.hashes} holds for the first {@code leaves} leaves, written with each
 * checkpoint, so that opening the log finds any damage in the stored hashes it keeps. 16
 * bytes: {@code u64 leaves || u32 CRC32C(hashes) || u32 CRC32C(preceding 12 bytes)}.
 */
record TreeCheck(long leaves, int crc) {
    static final int LENGTH = 16;

    TreeCheck {
        if (leaves < 0) {
            throw new IllegalArgumentException("tree check: leaves must be >= 0, found " + leaves);
        }
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH).putLong(leaves).putInt(crc);
        return b.putInt(Frames.crc(b.array(), 0, 12)).array();
    }

    /** The check in {@code bytes}, or empty if they are not one (wrong length, bad CRC). */
    static Optional<TreeCheck> decode(byte[] bytes) {
        if (bytes.length != LENGTH) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt(12) != Frames.crc(bytes, 0, 12) || b.getLong(0) < 0) {
            return Optional.empty();
        }
        return Optional.of(new TreeCheck(b.getLong(0), b.getInt(8)));
    }
}
