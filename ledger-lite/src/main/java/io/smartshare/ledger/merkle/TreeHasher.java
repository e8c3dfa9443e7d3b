package io.smartshare.ledger.merkle;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 tree hashing: {@code leaf = SHA-256(0x00 || record)}, {@code node =
 * SHA-256(0x01 || left || right)}. Uses the JDK's SHA-256 (CPU intrinsics where present,
 * which C2 uses and C1 does not: docs/ledger-format.md §9), one digest per thread. Each hash
 * is one {@code update} of the prefixed input, copied into a per-thread scratch array, and
 * one {@code digest} into the hash's own array: a separate one-byte {@code update} for the
 * prefix and {@code digest()}'s extra copy cost about 10 % per hash.
 */
public final class TreeHasher {
    private static final ThreadLocal<Hashing> HASHING = ThreadLocal.withInitial(Hashing::new);
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
        return HASHING.get().leaf(record, offset, length);
    }

    /** The leaf hash of the encoded record. */
    public static Hash leaf(byte[] record) {
        return leaf(record, 0, record.length);
    }

    /** The interior node hash of two children. */
    public static Hash node(Hash left, Hash right) {
        return HASHING.get().node(left, right);
    }

    /** One thread's digest and the scratch array its inputs are assembled in. */
    private static final class Hashing {
        private final MessageDigest digest = newDigest();
        private byte[] scratch = new byte[1 + 2 * Hash.LENGTH];

        Hash leaf(byte[] data, int offset, int length) {
            if (scratch.length < 1 + length) {
                scratch = new byte[Math.max(1 + length, 2 * scratch.length)];
            }
            scratch[0] = 0;
            System.arraycopy(data, offset, scratch, 1, length);
            return hash(1 + length);
        }

        Hash node(Hash left, Hash right) {
            scratch[0] = 1;
            left.copyTo(scratch, 1);
            right.copyTo(scratch, 1 + Hash.LENGTH);
            return hash(1 + 2 * Hash.LENGTH);
        }

        private Hash hash(int length) {
            digest.update(scratch, 0, length);
            byte[] out = new byte[Hash.LENGTH];
            try {
                digest.digest(out, 0, Hash.LENGTH);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 digest into a 32-byte array failed", e);
            }
            return Hash.wrap(out);
        }
    }
}
