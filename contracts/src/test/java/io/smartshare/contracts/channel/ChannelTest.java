package io.smartshare.contracts.channel;

import static io.smartshare.contracts.Fixtures.identity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelTest {
    static final NodeIdentity PAYER = ChannelFixtures.PAYER;
    static final NodeIdentity PAYEE = ChannelFixtures.PAYEE;
    static final NodeIdentity THIRD = identity(0x0b);

    final ChannelOpen open = ChannelFixtures.exampleOpen();
    final Channel payerSide = Channel.opened(open);
    final Channel payeeSide = Channel.opened(ChannelOpen.decode(open.encode()).orElseThrow());

    static ChannelRejection reason(Outcome<?, ChannelRejection> outcome) {
        return outcome.rejection().orElseThrow().reason();
    }

    Channel payeeHolding(long paid) {
        return payeeSide.receive(ChannelFixtures.proof(open, paid).encode()).orElseThrow();
    }

    @Test
    void openHasTheDocumentedChannelIdAndEachSideRecordsTheOthersSignature() {
        assertEquals("6d1f2ee3bad8f5bd1f967aeb098758b6", open.id().toString());
        Receipt payerLedger = open.ledgerEntryFor(PAYER.publicKey());
        Receipt payeeLedger = open.ledgerEntryFor(PAYEE.publicKey());
        assertEquals(PAYEE.publicKey(), payerLedger.counterparty());
        assertEquals(PAYER.publicKey(), payeeLedger.counterparty());
        assertTrue(PAYEE.publicKey().verify(payerLedger.statement(), payerLedger.signature()));
        assertTrue(PAYER.publicKey().verify(payeeLedger.statement(), payeeLedger.signature()));
    }

    @Test
    void payeeRejectsProposalNamingAnotherPayee() {
        ChannelTerms terms = new ChannelTerms(PAYER.publicKey(), THIRD.publicKey(), 10, new byte[16]);
        assertEquals(ChannelRejection.WRONG_SIGNER, reason(ChannelOpen.accept(ChannelOpen.propose(terms, PAYER), PAYEE)));
    }

    @Test
    void rejectsOpenRecordWithForgedSignature() {
        byte[] record = open.encode();
        record[record.length - 1] ^= 1;
        assertEquals(ChannelRejection.BAD_SIGNATURE, reason(ChannelOpen.decode(record)));
    }

    @Test
    void payerPaysAndPayeeAcceptsIncreasingCumulativeProofs() {
        Channel.Payment first = payerSide.pay(10_000, PAYER).orElseThrow();
        Channel.Payment second = first.channel().pay(15_000, PAYER).orElseThrow();
        assertEquals(25_000, second.proof().paid());
        Channel payee = payeeSide.receive(first.proof().encode()).orElseThrow()
                .receive(second.proof().encode()).orElseThrow();
        assertEquals(25_000, payee.paid());
        assertEquals(25_000, payee.remaining());
        assertEquals(0, payeeSide.paid());
    }

    @Test
    void rejectsStaleProofLeavingBalanceUnchanged() {
        Channel payee = payeeHolding(25_000);
        Outcome<Channel, ChannelRejection> lower = payee.receive(ChannelFixtures.proof(open, 10_000).encode());
        assertEquals(ChannelRejection.STALE, reason(lower));
        assertTrue(lower.rejection().orElseThrow().detail().contains("10000"));
        assertEquals(25_000, payee.paid());
    }

    @Test
    void rejectsReplayedProofAsStale() {
        Channel payee = payeeHolding(25_000);
        assertEquals(ChannelRejection.STALE, reason(payee.receive(ChannelFixtures.proof(open, 25_000).encode())));
        assertEquals(25_000, payee.paid());
    }

    @Test
    void rejectsProofForAnotherChannel() {
        ChannelTerms otherTerms = new ChannelTerms(PAYER.publicKey(), PAYEE.publicKey(), 50_000, new byte[] {
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        byte[] other = BalanceProof.sign(otherTerms.id(), 30_000, PAYER).encode();
        assertEquals(ChannelRejection.WRONG_CHANNEL, reason(payeeSide.receive(other)));
        assertEquals(0, payeeSide.paid());
    }

    @Test
    void rejectsProofSignedByAnotherKeyThanThePayer() {
        assertEquals(ChannelRejection.WRONG_SIGNER,
                reason(payeeSide.receive(BalanceProof.sign(open.id(), 5_000, THIRD).encode())));
        assertEquals(ChannelRejection.WRONG_SIGNER,
                reason(payeeSide.receive(BalanceProof.sign(open.id(), 5_000, PAYEE).encode())));
    }

    @Test
    void rejectsForgedProof() {
        byte[] forged = ChannelFixtures.proof(open, 5_000).encode();
        forged[forged.length - 2] ^= 0x40;
        assertEquals(ChannelRejection.BAD_SIGNATURE, reason(payeeSide.receive(forged)));
    }

    @Test
    void rejectsProofOverTheDeposit() {
        assertEquals(ChannelRejection.OVER_DEPOSIT, reason(payeeSide.receive(ChannelFixtures.proof(open, 50_001).encode())));
        assertEquals(ChannelRejection.OVER_DEPOSIT, reason(payerSide.pay(50_001, PAYER)));
        assertEquals(0, payerSide.paid());
    }

    @Test
    void rejectsMalformedProof() {
        assertEquals(ChannelRejection.MALFORMED, reason(payeeSide.receive(new byte[] {(byte) 0xa0})));
    }

    @Test
    void cooperativeCloseGivesBothSidesTheSameRecord() {
        Channel.Payment paid = payerSide.pay(25_000, PAYER).orElseThrow();
        Channel payee = payeeSide.receive(paid.proof().encode()).orElseThrow();
        byte[] proposal = paid.channel().proposeClose(PAYER).orElseThrow();
        Channel.Closing payeeClosing = payee.closeCooperatively(proposal, PAYEE).orElseThrow();
        Channel.Closing payerClosing = paid.channel()
                .closeCooperatively(payeeClosing.ownSignature().orElseThrow(), PAYER).orElseThrow();
        assertArrayEquals(payeeClosing.close().encode(), payerClosing.close().encode());
        assertEquals(25_000, payerClosing.close().paid());
        assertEquals(Channel.Status.CLOSED, payerClosing.channel().status());
        assertEquals(payeeClosing.close(), ChannelClose.decode(payeeClosing.close().encode()));
    }

    @Test
    void cooperativeCloseRejectsAnotherFinalAmount() {
        Channel.Payment paid = payerSide.pay(25_000, PAYER).orElseThrow();
        Channel payee = payeeHolding(10_000);
        byte[] proposal = paid.channel().proposeClose(PAYER).orElseThrow();
        assertEquals(ChannelRejection.FINAL_MISMATCH, reason(payee.closeCooperatively(proposal, PAYEE)));
        assertEquals(Channel.Status.OPEN, payee.status());
    }

    @Test
    void unilateralCloseCarriesTheLatestProofAndEndsPayments() {
        Channel payee = payeeHolding(25_000);
        Channel.Closing closing = payee.closeUnilaterally().orElseThrow();
        assertEquals(25_000, closing.close().paid());
        assertEquals(Optional.empty(), closing.ownSignature());
        assertEquals(ChannelRejection.CLOSED, reason(closing.channel().receive(ChannelFixtures.proof(open, 30_000).encode())));
        assertEquals(ChannelRejection.CLOSED, reason(closing.channel().closeUnilaterally()));
        assertEquals(closing.close(), ChannelClose.decode(closing.close().encode()));
    }

    @Test
    void payeeRestoresTheChannelFromItsLedgerAfterARestart() {
        Channel.Payment paid = payerSide.pay(12_000, PAYER).orElseThrow();
        Channel before = payeeSide.receive(paid.proof().encode()).orElseThrow();
        Receipt openEntry = open.ledgerEntryFor(PAYEE.publicKey());
        Receipt proofEntry = paid.proof().ledgerEntry(PAYER.publicKey());

        ChannelOpen reopened = ChannelOpen.fromLedger(openEntry, PAYEE);
        BalanceProof latest = BalanceProof.fromLedger(proofEntry.counterparty(), proofEntry.statement(),
                proofEntry.signature());
        Channel after = Channel.restore(reopened, Optional.of(latest));

        assertArrayEquals(open.encode(), reopened.encode());
        assertEquals(before.paid(), after.paid());
        assertEquals(ChannelRejection.STALE, reason(after.receive(paid.proof().encode())));
    }

    @Test
    void payerRestoresTheOpenRecordFromItsLedger() {
        ChannelOpen reopened = ChannelOpen.fromLedger(open.ledgerEntryFor(PAYER.publicKey()), PAYER);
        assertArrayEquals(open.encode(), reopened.encode());
    }

    @Test
    void restoreRefusesAProofOfAnotherChannel() {
        ChannelTerms otherTerms = new ChannelTerms(PAYER.publicKey(), PAYEE.publicKey(), 50_000, io.smartshare.contracts.Fixtures.filled(7, 16));
        BalanceProof foreign = BalanceProof.sign(otherTerms.id(), 1, PAYER);
        assertThrows(ContractException.class, () -> Channel.restore(open, Optional.of(foreign)));
    }

    @Test
    void unilateralCloseRefusesAProofOverTheDeposit() {
        ContractException e = assertThrows(ContractException.class,
                () -> new ChannelClose.Unilateral(open, Optional.of(ChannelFixtures.proof(open, 60_000))));
        assertTrue(e.getMessage().contains("60000"));
    }
}
