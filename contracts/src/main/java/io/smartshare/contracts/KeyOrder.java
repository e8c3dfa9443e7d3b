package io.smartshare.contracts;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The canonical order of public keys in every sorted list of docs/contracts.md: unsigned
 * lexicographic order of the 32 encoded bytes.
 */
public final class KeyOrder {
    /** Orders keys by their encoded bytes, unsigned. */
    public static final Comparator<Ed25519PublicKey> KEYS =
            (a, b) -> Arrays.compareUnsigned(a.encoded(), b.encoded());

    private KeyOrder() {
    }
}
