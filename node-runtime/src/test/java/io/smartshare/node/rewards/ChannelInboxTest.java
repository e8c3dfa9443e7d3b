package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelAmount;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.channel.ChannelRejection;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.channel.RelayPrice;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.LedgerFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's channel inbox and desk over a real ledger: every bad document from the other
 * party is refused with its reason and appends nothing, accepted ones are appended, and a
 * reopened desk has the same channels.
 */
class ChannelInboxTest {
    private static final NodeIdentity PAYER = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity PAYEE = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity THIRD = NodeIdentity.generate(new SecureRandom());
    private static final ChannelTerms TERMS = new ChannelTerms(PAYER.publicKey(), PAYEE.publicKey(), 50_000,
            new byte[16]);

    @TempDir
    Path dir;

    /** The desk as a node builds it at start. */
    private static ChannelDesk restore(Ledger ledger, NodeIdentity identity) {
        ChannelDesk desk = ChannelDesk.empty(ledger, identity, event -> { });
        LedgerReplay.replay(ledger, List.of(desk));
        return desk;
    }

    /** The inbox of the node at {@code desk}; the channels here are unpriced, so no meter reading enters. */
    private static ChannelInbox inbox(ChannelDesk desk) {
        return new ChannelInbox(desk, (peer, role) -> 0, Tolerance.DEFAULT, 0);
    }

    private static ChannelRejection reason(Outcome<?, ChannelRejection> outcome) {
        return outcome.rejection().orElseThrow().reason();
    }

    /** The payer's side after the payee desk accepted the open. */
    private static Channel openOn(ChannelDesk payee) {
        byte[] record = inbox(payee).take(ChannelMessage.OPEN, ChannelOpen.propose(TERMS, PAYER)).orElseThrow();
        return Channel.opened(ChannelOpen.decode(record).orElseThrow());
    }

    private static byte[] proof(Channel payerSide, long paid) {
        return Channel.restore(payerSide.open(), Optional.empty()).pay(paid, PAYER).orElseThrow().proof().encode();
    }

    @Test
    void replayedStaleForgedAndForeignProofsAreRefusedAndAppendNothing() {
        try (Ledger ledger = LedgerFiles.open(dir, PAYEE)) {
            ChannelDesk desk = restore(ledger, PAYEE);
            Channel payer = openOn(desk);
            byte[] first = proof(payer, 10_000);
            byte[] second = proof(payer, 25_000);
            inbox(desk).take(ChannelMessage.PROOF, first).orElseThrow();
            inbox(desk).take(ChannelMessage.PROOF, second).orElseThrow();
            assertEquals(3, ledger.size());

            byte[] forged = proof(payer, 30_000);
            forged[forged.length - 1] ^= 1;
            Channel other = Channel.opened(ChannelOpen.accept(ChannelOpen.propose(new ChannelTerms(PAYER.publicKey(),
                    THIRD.publicKey(), 50_000, new byte[16]), PAYER), THIRD).orElseThrow());
            byte[] byThird = Channel.restore(Channel.opened(ChannelOpen.accept(ChannelOpen.propose(new ChannelTerms(
                    THIRD.publicKey(), PAYEE.publicKey(), 50_000, new byte[16]), THIRD), PAYEE).orElseThrow()).open(),
                    Optional.empty()).pay(30_000, THIRD).orElseThrow().proof().encode();

            assertEquals(ChannelRejection.STALE, reason(inbox(desk).take(ChannelMessage.PROOF, second)), "replay");
            assertEquals(ChannelRejection.STALE, reason(inbox(desk).take(ChannelMessage.PROOF, first)), "stale");
            assertEquals(ChannelRejection.BAD_SIGNATURE, reason(inbox(desk).take(ChannelMessage.PROOF, forged)));
            assertEquals(ChannelRejection.OVER_DEPOSIT, reason(inbox(desk).take(ChannelMessage.PROOF, CoseSign1.sign(
                    Domain.CHANNEL_PROOF, new ChannelAmount(payer.id(), 50_001).encode(), PAYER).encode())));
            assertEquals(ChannelRejection.WRONG_CHANNEL, reason(inbox(desk).take(ChannelMessage.PROOF, proof(other, 1))));
            assertEquals(ChannelRejection.WRONG_CHANNEL, reason(inbox(desk).take(ChannelMessage.PROOF, byThird)));
            assertEquals(ChannelRejection.MALFORMED, reason(inbox(desk).take(ChannelMessage.PROOF, new byte[] {(byte) 0x84, 1})));
            assertEquals(3, ledger.size(), "rejections append nothing");
            assertEquals(25_000, desk.channel(payer.id()).orElseThrow().paid());
        }
    }

    @Test
    void aReplayedOpenAppendsNothingAndAnOpenForAnotherPayeeIsRefused() {
        try (Ledger ledger = LedgerFiles.open(dir, PAYEE)) {
            ChannelDesk desk = restore(ledger, PAYEE);
            byte[] proposal = ChannelOpen.propose(TERMS, PAYER);
            byte[] record = inbox(desk).take(ChannelMessage.OPEN, proposal).orElseThrow();

            assertArrayEquals(record, inbox(desk).take(ChannelMessage.OPEN, proposal).orElseThrow());
            byte[] forged = proposal.clone();
            forged[forged.length - 1] ^= 1;
            assertEquals(ChannelRejection.BAD_SIGNATURE, reason(inbox(desk).take(ChannelMessage.OPEN, forged)));
            assertEquals(ChannelRejection.WRONG_SIGNER, reason(inbox(desk).take(ChannelMessage.OPEN, ChannelOpen.propose(
                    new ChannelTerms(PAYER.publicKey(), THIRD.publicKey(), 10, new byte[16]), PAYER))));
            assertEquals(1, ledger.size());
            assertEquals(Optional.of(PAYER.publicKey()), inbox(desk).counterpartyOf(ChannelMessage.OPEN, proposal));
        }
    }

    @Test
    void aPricedOpenBelowTheRelayPriceThisNodeAsksIsRefusedAndAnOpenAtItTaken() {
        try (Ledger ledger = LedgerFiles.open(dir, PAYEE)) {
            ChannelDesk desk = restore(ledger, PAYEE);
            ChannelInbox asking = new ChannelInbox(desk, (peer, role) -> 0, Tolerance.DEFAULT, 2_500);
            ChannelTerms cheap = new ChannelTerms(PAYER.publicKey(), PAYEE.publicKey(), 50_000, new byte[16],
                    Optional.of(new RelayPrice(2, 1_000, 0)));
            ChannelTerms fair = new ChannelTerms(PAYER.publicKey(), PAYEE.publicKey(), 50_000, new byte[] {1, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, Optional.of(new RelayPrice(5, 2_000, 0)));
            assertEquals(ChannelRejection.BELOW_PRICE, reason(asking.take(ChannelMessage.OPEN,
                    ChannelOpen.propose(cheap, PAYER))), "2 per 1,000 bytes is 2,000 per MB, below 2,500");
            assertEquals(0, ledger.size(), "a refused open appends nothing");
            asking.take(ChannelMessage.OPEN, ChannelOpen.propose(fair, PAYER)).orElseThrow();
            asking.take(ChannelMessage.OPEN, ChannelOpen.propose(TERMS, PAYER)).orElseThrow(); // unpriced: a plain deposit
            assertEquals(2, ledger.size());
        }
    }

    @Test
    void closeAtAnotherAmountIsRefusedAndACooperativeCloseSurvivesARestart() {
        Channel payer;
        try (Ledger ledger = LedgerFiles.open(dir, PAYEE)) {
            ChannelDesk desk = restore(ledger, PAYEE);
            payer = openOn(desk);
            Channel.Payment payment = payer.pay(25_000, PAYER).orElseThrow();
            inbox(desk).take(ChannelMessage.PROOF, payment.proof().encode()).orElseThrow();
            Channel lagging = payer.pay(20_000, PAYER).orElseThrow().channel();

            assertEquals(ChannelRejection.FINAL_MISMATCH,
                    reason(inbox(desk).take(ChannelMessage.CLOSE, lagging.proposeClose(PAYER).orElseThrow())));
            byte[] byThird = CoseSign1.sign(Domain.CHANNEL_CLOSE, new ChannelAmount(payer.id(), 25_000).encode(), THIRD)
                    .encode();
            assertEquals(ChannelRejection.WRONG_SIGNER, reason(inbox(desk).take(ChannelMessage.CLOSE, byThird)));
            byte[] forged = payment.channel().proposeClose(PAYER).orElseThrow();
            forged[forged.length - 1] ^= 1;
            assertEquals(ChannelRejection.BAD_SIGNATURE, reason(inbox(desk).take(ChannelMessage.CLOSE, forged)));
            assertEquals(ChannelRejection.WRONG_CHANNEL, reason(inbox(desk).take(ChannelMessage.CLOSE, CoseSign1.sign(
                    Domain.CHANNEL_CLOSE, new ChannelAmount(ChannelId.of(new byte[16]), 0).encode(), PAYER).encode())));
            assertEquals(ChannelRejection.BAD_SIGNATURE, reason(inbox(desk).take(ChannelMessage.CLOSE,
                    payment.proof().encode())), "a proof is signed in another domain than a close");
            assertEquals(ChannelRejection.MALFORMED, reason(inbox(desk).take(ChannelMessage.CLOSE, new byte[] {1, 2, 3})));
            assertEquals(2, ledger.size());
            assertEquals(Optional.of(PAYER.publicKey()), inbox(desk).counterpartyOf(ChannelMessage.PROOF,
                    payment.proof().encode()));
            byte[] payeeSignature = inbox(desk).take(ChannelMessage.CLOSE, payment.channel().proposeClose(PAYER).orElseThrow())
                    .orElseThrow();
            payment.channel().closeCooperatively(payeeSignature, PAYER).orElseThrow();
            assertEquals(ChannelRejection.CLOSED, reason(inbox(desk).take(ChannelMessage.PROOF, proof(payer, 30_000))));
            assertEquals(3, ledger.size());
        }
        try (Ledger ledger = LedgerFiles.open(dir, PAYEE)) {
            Channel rebuilt = restore(ledger, PAYEE).channel(payer.id()).orElseThrow();

            assertEquals(Channel.Status.CLOSED, rebuilt.status());
            assertEquals(25_000, rebuilt.close().orElseThrow().paid());
        }
    }

    @Test
    void thePayersOwnProofsRebuildItsSideAfterARestart() {
        Channel payer;
        try (Ledger payeeLedger = LedgerFiles.open(dir.resolve("payee"), PAYEE);
                Ledger payerLedger = LedgerFiles.open(dir.resolve("payer"), PAYER)) {
            payer = openOn(restore(payeeLedger, PAYEE));
            ChannelDesk desk = restore(payerLedger, PAYER);
            desk.opened(payer.open());
            desk.paid(payer.pay(10_000, PAYER).orElseThrow().channel());
            desk.paid(desk.channel(payer.id()).orElseThrow().pay(5_000, PAYER).orElseThrow().channel());
            assertEquals(ChannelRejection.WRONG_SIGNER, reason(inbox(desk).take(ChannelMessage.PROOF, proof(payer, 20_000))),
                    "the payer takes no proofs");
        }
        try (Ledger ledger = LedgerFiles.open(dir.resolve("payer"), PAYER)) {
            Channel rebuilt = restore(ledger, PAYER).channel(payer.id()).orElseThrow();

            assertEquals(15_000, rebuilt.paid());
            assertEquals(3, ledger.size());
        }
    }
}
