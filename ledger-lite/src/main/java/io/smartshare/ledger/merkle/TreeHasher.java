package io.smartshare.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 tree hashing: {@code leaf = SHA-256(0x00 || record)}, {@code node =
 * SHA-256(0x01 || left || right)}. Uses the JDK's SHA-256 (CPU intrinsics where present),
 * one digest per thread.
 */
public final class TreeHasher {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(TreeHasher::newDigest);
    /** The hash of the empty tree, SHA-256 of no bytes. */
    public static final Hash EMPTY_ROOT = Hash.wrap(newDigest().digest());

    private TreeHasher() {
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The leaf hash of the encoded record {@code record[offset, offset + length)}. */
    public static Hash leaf(byte[] record, int offset, int length) {
        MessageDigest d = DIGEST.get();
        d.update((byte) 0);
        d.update(record, offset, length);
        return Hash.wrap(d.digest());
    }

    /** The leaf hash of the encoded record. */
    public static Hash leaf(byte[] record) {
        return leaf(record, 0, record.length);
    }

    /** The interior node hash of two children. */
    public static Hash node(Hash left, Hash right) {
        MessageDigest d = DIGEST.get();
        d.update((byte) 1);
        d.update(left.unsafeBytes());
        d.update(right.unsafeBytes());
        return Hash.wrap(d.digest());
    }
}
