package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;

/** Strict reading of the integer-keyed maps records are made of: keys 0..n-1, all present. */
final class Fields {
    private final CborMap map;
    private final String what;

    private Fields(CborMap map, String what) {
        this.map = map;
        this.what = what;
    }

    /** Checks that {@code value} is a map with exactly the keys {@code 0..count-1}. */
    static Fields of(CborValue value, String what, int count) {
        if (!(value instanceof CborMap map)) {
            throw new RecordException(what + ": expected a map, found " + value);
        }
        if (map.size() != count) {
            throw new RecordException(what + ": expected keys 0.." + (count - 1) + ", found " + map.size() + " keys");
        }
        for (int i = 0; i < count; i++) {
            if (!(map.entries().get(i).key() instanceof CborValue.Int k) || k.value() != i) {
                throw new RecordException(what + ": expected key " + i + ", found " + map.entries().get(i).key());
            }
        }
        return new Fields(map, what);
    }

    CborValue get(int key) {
        return map.entries().get(key).value();
    }

    long uint(int key, String name) {
        if (get(key) instanceof CborValue.Int i && i.value() >= 0) {
            return i.value();
        }
        throw new RecordException(what + ": field " + name + ": expected an unsigned integer, found " + get(key));
    }

    String text(int key, String name) {
        if (get(key) instanceof CborValue.Text t) {
            return t.value();
        }
        throw new RecordException(what + ": field " + name + ": expected text, found " + get(key));
    }

    byte[] bytes(int key, String name, int expectedLength) {
        if (get(key) instanceof CborValue.Bytes b && (expectedLength < 0 || b.length() == expectedLength)) {
            return b.value();
        }
        throw new RecordException(what + ": field " + name + ": expected "
                + (expectedLength < 0 ? "a byte string" : expectedLength + " bytes") + ", found " + get(key));
    }

    Ed25519PublicKey publicKey(int key, String name) {
        try {
            return Ed25519PublicKey.of(bytes(key, name, Ed25519PublicKey.LENGTH));
        } catch (IdentityException e) {
            throw new RecordException(what + ": field " + name + ": " + e.getMessage(), e);
        }
    }
}
