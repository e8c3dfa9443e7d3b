package io.smartshare.contracts.storage;

import static io.smartshare.contracts.storage.StorageFixtures.CONTENT;
import static io.smartshare.contracts.storage.StorageFixtures.HOLDER;
import static io.smartshare.contracts.storage.StorageFixtures.OWNER;
import static io.smartshare.contracts.storage.StorageFixtures.leaf;
import static io.smartshare.contracts.storage.StorageFixtures.proof;
import static io.smartshare.contracts.storage.StorageFixtures.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.contracts.Outcome;
import io.smartshare.ledger.identity.NodeIdentity;
import org.junit.jupiter.api.Test;

/** The holder's signed answer: the right one passes; forged, replayed and wrong ones are refused with their reason. */
class AuditAnswerTest {
    private static final byte[] NONCE = nonce(1);
    private static final byte[] OTHER_NONCE = nonce(2);

    private static byte[] nonce(int first) {
        byte[] nonce = new byte[StorageAudit.NONCE_LENGTH];
        nonce[0] = (byte) first;
        return nonce;
    }

    private static byte[] answer(byte[] nonce, long index, NodeIdentity signer) {
        return AuditAnswer.sign(terms(), nonce, leaf(CONTENT, index), proof(CONTENT, index), signer).encode();
    }

    private static StorageRejection reason(Outcome<AuditAnswer.Checked, StorageRejection> outcome) {
        return outcome.rejection().orElseThrow().reason();
    }

    @Test
    void theHoldersProofOfTheChallengedLeafPasses() {
        long index = StorageAudit.challengedLeaf(terms(), NONCE);
        assertEquals(index, AuditAnswer.check(terms(), NONCE, answer(NONCE, index, HOLDER)).orElseThrow().index());
    }

    @Test
    void anAnswerSignedByAnotherKeyIsForged() {
        long index = StorageAudit.challengedLeaf(terms(), NONCE);
        assertEquals(StorageRejection.BAD_SIGNATURE, reason(AuditAnswer.check(terms(), NONCE, answer(NONCE, index,
                OWNER))));
    }

    @Test
    void anEarlierAnswerReplayedForANewChallengeIsRefused() {
        long index = StorageAudit.challengedLeaf(terms(), OTHER_NONCE);
        assertEquals(StorageRejection.NOT_THE_CHALLENGE, reason(AuditAnswer.check(terms(), NONCE, answer(OTHER_NONCE,
                index, HOLDER))));
    }

    @Test
    void theHoldersSignedProofOfAnotherLeafFailsTheAudit() {
        long index = StorageAudit.challengedLeaf(terms(), NONCE);
        long other = (index + 1) % terms().leaves();
        assertEquals(StorageRejection.FAILED_AUDIT, reason(AuditAnswer.check(terms(), NONCE, answer(NONCE, other,
                HOLDER))));
    }

    @Test
    void bytesThatAreNoAnswerAreMalformed() {
        assertEquals(StorageRejection.MALFORMED, reason(AuditAnswer.check(terms(), NONCE, new byte[] {1, 2, 3})));
    }
}
