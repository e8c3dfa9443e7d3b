package io.smartshare.contracts.storage;

import static io.smartshare.contracts.storage.StorageFixtures.CONTENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.Outcome;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StorageAuditTest {
    private static final byte[] NONCE = HexFormat.of().parseHex("101112131415161718191a1b1c1d1e1f");

    @Test
    void theChallengedLeafMatchesTheSpecVector() {
        // docs/contracts.md §16.2, computed with Python's hashlib
        byte[] id = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        assertEquals(451, StorageAudit.challengedLeaf(id, NONCE, 1_000));
        assertEquals(1_291, StorageAudit.challengedLeaf(id, NONCE, 2_560));
    }

    @Test
    void anHonestAnswerPassesAndAFlippedByteAnotherLeafOrAShortLeafFail() {
        StorageTerms terms = StorageFixtures.terms();
        for (int n = 0; n < 64; n++) {
            byte[] nonce = NONCE.clone();
            nonce[0] = (byte) n;
            long index = StorageAudit.challengedLeaf(terms, nonce);
            byte[] leaf = StorageFixtures.leaf(CONTENT, index);
            assertEquals(index, StorageAudit.check(terms, nonce, leaf, StorageFixtures.proof(CONTENT, index)).orElseThrow());

            byte[] flipped = leaf.clone();
            flipped[n % flipped.length] ^= 1;
            assertFailed(StorageAudit.check(terms, nonce, flipped, StorageFixtures.proof(CONTENT, index)));
            long other = (index + 1) % terms.leaves();
            assertFailed(StorageAudit.check(terms, nonce, StorageFixtures.leaf(CONTENT, other),
                    StorageFixtures.proof(CONTENT, other)));
            assertFailed(StorageAudit.check(terms, nonce, java.util.Arrays.copyOf(leaf, leaf.length - 1),
                    StorageFixtures.proof(CONTENT, index)));
        }
    }

    private static void assertFailed(Outcome<Long, StorageRejection> outcome) {
        assertEquals(StorageRejection.FAILED_AUDIT, outcome.rejection().orElseThrow().reason());
    }

    @Test
    void detectionOfOnePercentLostIsAsComputed() {
        // docs/contracts.md §16.2: 1 % of the leaves lost, 459 challenges catch it with 99 %
        assertEquals(1 - Math.pow(0.99, 100), StorageAudit.detection(1, 100, 100), 1e-12);
        assertTrue(StorageAudit.detection(1, 100, 459) >= 0.99);
        assertTrue(StorageAudit.detection(1, 100, 458) < 0.99);
    }
}
