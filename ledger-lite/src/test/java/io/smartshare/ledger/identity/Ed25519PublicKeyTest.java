package io.smartshare.ledger.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519PublicKeyTest {
    /** Not a point on the curve: y = 2 has no x (RFC 8032 section 5.1.3 decoding fails). */
    private static final byte[] NOT_A_POINT = HexFormat.of()
            .parseHex("0200000000000000000000000000000000000000000000000000000000000000");

    @Test
    void aDeferredKeyVerifiesAsTheCheckedOneAndEqualsIt() {
        NodeIdentity identity = NodeIdentity.generate(new SecureRandom());
        byte[] message = {1, 2, 3};
        byte[] signature = identity.sign(message);
        Ed25519PublicKey deferred = Ed25519PublicKey.deferred(identity.publicKey().encoded());
        assertEquals(identity.publicKey(), deferred);
        assertTrue(deferred.verify(message, signature));
        assertTrue(deferred.verify(message, signature), "again, with the point decoded once");
        assertFalse(deferred.verify(new byte[] {1, 2, 4}, signature));
    }

    @Test
    void aDeferredKeyThatIsNoPointVerifiesNothingWhereTheCheckedOneIsRefusedAtOnce() {
        assertThrows(IdentityException.class, () -> Ed25519PublicKey.of(NOT_A_POINT));
        Ed25519PublicKey deferred = Ed25519PublicKey.deferred(NOT_A_POINT);
        assertFalse(deferred.verify(new byte[] {1}, new byte[Ed25519PublicKey.SIGNATURE_LENGTH]));
    }

    @Test
    void aDeferredKeyStillNeedsThirtyTwoBytes() {
        IdentityException e = assertThrows(IdentityException.class, () -> Ed25519PublicKey.deferred(new byte[31]));
        assertTrue(e.getMessage().contains("31"), e.getMessage());
    }
}
