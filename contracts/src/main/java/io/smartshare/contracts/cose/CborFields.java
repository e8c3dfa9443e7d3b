package io.smartshare.contracts.cose;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import java.util.List;

/**
 * Reads the fields of a document map with small integer keys {@code 0..n-1}, all required
 * and no others (docs/contracts.md §1). Every failure is a {@link ContractException}
 * naming the document, the field and what was expected and found.
 */
public final class CborFields {
    private final String document;
    private final CborMap map;

    private CborFields(String document, CborMap map) {
        this.document = document;
        this.map = map;
    }

    /** Decodes {@code bytes} as deterministic CBOR; failures name {@code document}. */
    public static CborValue decode(byte[] bytes, String document) {
        try {
            return Cbor.decode(bytes);
        } catch (CborException e) {
            throw new ContractException(document + ": not deterministic CBOR: " + e.getMessage(), e);
        }
    }

    /** Requires {@code value} to be a map with exactly the keys {@code 0..keyCount-1}. */
    public static CborFields of(CborValue value, String document, int keyCount) {
        if (!(value instanceof CborMap map)) {
            throw new ContractException(document + ": expected a map, found " + value);
        }
        if (map.size() != keyCount) {
            throw new ContractException(document + ": expected " + keyCount + " fields, found " + map.size());
        }
        for (int key = 0; key < keyCount; key++) {
            if (map.get(key).isEmpty()) {
                throw new ContractException(document + ": missing field " + key);
            }
        }
        return new CborFields(document, map);
    }

    /** Requires {@code value} to be an array of exactly {@code size} items. */
    public static List<CborValue> array(CborValue value, String document, int size) {
        if (!(value instanceof CborValue.Array array) || array.items().size() != size) {
            throw new ContractException(document + ": expected an array of " + size + " items, found " + value);
        }
        return array.items();
    }

    /** An array item (or any value) that must be an unsigned integer; {@code what} names it in the error. */
    public static long uintItem(CborValue value, String what) {
        if (value instanceof CborValue.Int i && i.value() >= 0) {
            return i.value();
        }
        throw new ContractException(what + ": expected an unsigned integer, found " + value);
    }

    /** The field's value, unchecked. */
    public CborValue value(int key) {
        return map.get(key).orElseThrow();
    }

    /** An unsigned integer field. */
    public long uint(int key, String field) {
        if (value(key) instanceof CborValue.Int i && i.value() >= 0) {
            return i.value();
        }
        throw bad(key, field, "an unsigned integer", value(key));
    }

    /** A byte string field of exactly {@code length} bytes ({@code -1}: any length). */
    public byte[] bytes(int key, String field, int length) {
        if (value(key) instanceof CborValue.Bytes b && (length < 0 || b.length() == length)) {
            return b.value();
        }
        throw bad(key, field, length < 0 ? "a byte string" : "a byte string of " + length + " bytes", value(key));
    }

    /** A text field of at most {@code maxLength} characters. */
    public String text(int key, String field, int maxLength) {
        if (value(key) instanceof CborValue.Text t && t.value().length() <= maxLength) {
            return t.value();
        }
        throw bad(key, field, "text of at most " + maxLength + " characters", value(key));
    }

    /** A field holding a valid Ed25519 public key. */
    public Ed25519PublicKey publicKey(int key, String field) {
        byte[] encoded = bytes(key, field, Ed25519PublicKey.LENGTH);
        try {
            return Ed25519PublicKey.of(encoded);
        } catch (IdentityException e) {
            throw new ContractException(document + ": field " + key + " (" + field + "): " + e.getMessage(), e);
        }
    }

    /** Requires a field to equal {@code expected} (format versions). */
    public void requireUint(int key, String field, long expected) {
        long found = uint(key, field);
        if (found != expected) {
            throw new ContractException(document + ": field " + key + " (" + field + "): expected " + expected
                    + ", found " + found);
        }
    }

    private ContractException bad(int key, String field, String expected, CborValue found) {
        return new ContractException(document + ": field " + key + " (" + field + "): expected " + expected
                + ", found " + found);
    }
}
