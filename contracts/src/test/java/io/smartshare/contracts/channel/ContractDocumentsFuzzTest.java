package io.smartshare.contracts.channel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.ScheduleVerifier;
import io.smartshare.contracts.storage.StorageAgreement;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Set;

/**
 * Every signed contract document a peer can send (receipts, balance proofs, channel opens and
 * closes, storage agreements, reward schedules) decodes, whatever the bytes, to a value, a rejection or a {@link
 * ContractException}: never another exception, a hang or an allocation out of proportion to
 * the input. Regression inputs in {@code mvn verify}; {@code scripts/fuzz} fuzzes them.
 */
class ContractDocumentsFuzzTest {
    private static final ScheduleVerifier SCHEDULES =
            new ScheduleVerifier(Set.of(NodeIdentity.fromSeed(new byte[32]).publicKey()));

    @FuzzTest
    void receipt(byte[] bytes) {
        try {
            SignedReceipt.decode(bytes).isAuthentic();
        } catch (ContractException expected) {
            // documented refusal
        }
    }

    @FuzzTest
    void balanceProof(byte[] bytes) {
        try {
            BalanceProof.decode(bytes);
        } catch (ContractException expected) {
            // documented refusal
        }
    }

    @FuzzTest
    void channelOpen(byte[] bytes) {
        ChannelOpen.decode(bytes); // an Outcome: rejections are values
    }

    @FuzzTest
    void storageAgreement(byte[] bytes) {
        StorageAgreement.decode(bytes); // an Outcome, as a channel open
    }

    @FuzzTest
    void channelClose(byte[] bytes) {
        try {
            ChannelClose.decode(bytes);
        } catch (ContractException expected) {
            // documented refusal
        }
    }

    @FuzzTest
    void schedule(byte[] bytes) {
        SCHEDULES.verify(bytes); // an Outcome: rejections are values
    }
}
