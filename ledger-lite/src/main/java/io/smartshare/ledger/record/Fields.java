package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborReader;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;

/**
 * Strict reading of the integer-keyed maps records are made of: exactly the keys
 * {@code 0..count-1}, in order, each read once with its expected type.
 */
final class Fields {
    private final CborReader reader;
    private final String what;
    private final int count;
    private int next;

    private Fields(CborReader reader, String what, int count) {
        this.reader = reader;
        this.what = what;
        this.count = count;
    }

    /** Reads the map head, which must announce exactly {@code count} keys. */
    static Fields of(CborReader reader, String what, int count) {
        int found;
        try {
            found = reader.readMapHeader();
        } catch (CborException e) {
            throw new RecordException(what + ": expected a map: " + e.getMessage(), e);
        }
        if (found != count) {
            throw new RecordException(what + ": expected keys 0.." + (count - 1) + ", found " + found + " keys");
        }
        return new Fields(reader, what, count);
    }

    /** Reads the next key, which must be {@code next}; returns the reader positioned at its value. */
    CborReader key(String name) {
        if (next >= count) {
            throw new IllegalStateException(what + ": all " + count + " fields already read");
        }
        long key;
        try {
            key = reader.readUint();
        } catch (CborException e) {
            throw new RecordException(what + ": expected key " + next + " (" + name + "): " + e.getMessage(), e);
        }
        if (key != next) {
            throw new RecordException(what + ": expected key " + next + " (" + name + "), found " + key);
        }
        next++;
        return reader;
    }

    private RecordException bad(String name, CborException e) {
        return new RecordException(what + ": field " + name + ": " + e.getMessage(), e);
    }

    long uint(String name) {
        key(name);
        try {
            return reader.readUint();
        } catch (CborException e) {
            throw bad(name, e);
        }
    }

    String text(String name) {
        key(name);
        try {
            return reader.readText();
        } catch (CborException e) {
            throw bad(name, e);
        }
    }

    /** A byte string of {@code expectedLength} bytes, or of any length if negative. */
    byte[] bytes(String name, int expectedLength) {
        key(name);
        byte[] b;
        try {
            b = reader.readBytes();
        } catch (CborException e) {
            throw bad(name, e);
        }
        if (expectedLength >= 0 && b.length != expectedLength) {
            throw new RecordException(what + ": field " + name + ": expected " + expectedLength + " bytes, found "
                    + b.length);
        }
        return b;
    }

    Ed25519PublicKey publicKey(String name) {
        byte[] b = bytes(name, Ed25519PublicKey.LENGTH);
        try {
            return Ed25519PublicKey.of(b);
        } catch (IdentityException e) {
            throw new RecordException(what + ": field " + name + ": " + e.getMessage(), e);
        }
    }
}
