package io.smartshare.contracts.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.record.Receipt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both parties' ledgers of one channel, replayed as a restarted node would. */
class ChannelLedgerTest {
    static final ChannelOpen OPEN = ChannelFixtures.exampleOpen();

    static ChannelLedger replay(ChannelLedger start, List<Receipt> entries) {
        ChannelLedger ledger = start;
        for (Receipt entry : entries) {
            assertTrue(ChannelLedger.holdsChannelDocument(entry));
            ledger = ledger.replay(entry);
        }
        return ledger;
    }

    static Channel only(ChannelLedger ledger) {
        assertEquals(1, ledger.channels().size());
        return ledger.channel(OPEN.id()).orElseThrow();
    }

    @Test
    void cooperativelyClosedChannelIsRebuiltOnBothSidesFromTheirOwnRecords() {
        Channel.Payment first = Channel.opened(OPEN).pay(10_000, ChannelFixtures.PAYER).orElseThrow();
        Channel.Payment second = first.channel().pay(15_000, ChannelFixtures.PAYER).orElseThrow();
        byte[] payerSignature = second.channel().proposeClose(ChannelFixtures.PAYER).orElseThrow();
        Channel payee = Channel.opened(OPEN).receive(first.proof().encode()).orElseThrow()
                .receive(second.proof().encode()).orElseThrow();
        Channel.Closing payeeClosing = payee.closeCooperatively(payerSignature, ChannelFixtures.PAYEE).orElseThrow();
        Channel.Closing payerClosing = second.channel().closeCooperatively(payeeClosing.ownSignature().orElseThrow(),
                ChannelFixtures.PAYER).orElseThrow();
        ChannelLedger payerStart = ChannelLedger.empty(ChannelFixtures.PAYER);
        ChannelLedger payeeStart = ChannelLedger.empty(ChannelFixtures.PAYEE);

        Channel payerRebuilt = only(replay(payerStart, List.of(OPEN.ledgerEntryFor(ChannelFixtures.PAYER.publicKey()),
                first.proof().ledgerEntry(ChannelFixtures.PAYER.publicKey()),
                second.proof().ledgerEntry(ChannelFixtures.PAYER.publicKey()),
                payerStart.closeEntry(payerClosing.close()))));
        Channel payeeRebuilt = only(replay(payeeStart, List.of(OPEN.ledgerEntryFor(ChannelFixtures.PAYEE.publicKey()),
                first.proof().ledgerEntry(ChannelFixtures.PAYER.publicKey()),
                second.proof().ledgerEntry(ChannelFixtures.PAYER.publicKey()),
                payeeStart.closeEntry(payeeClosing.close()))));

        assertEquals(Channel.Status.CLOSED, payerRebuilt.status());
        assertEquals(payerClosing.close(), payerRebuilt.close().orElseThrow());
        assertEquals(payeeClosing.close(), payeeRebuilt.close().orElseThrow());
        assertEquals(25_000, payeeRebuilt.close().orElseThrow().paid());
    }

    @Test
    void unilateralCloseIsRebuiltWithTheLatestProof() {
        BalanceProof proof = ChannelFixtures.proof(OPEN, 25_000);
        Channel payee = Channel.opened(OPEN).receive(proof.encode()).orElseThrow();
        ChannelLedger start = ChannelLedger.empty(ChannelFixtures.PAYEE);
        ChannelClose close = payee.closeUnilaterally().orElseThrow().close();

        Channel rebuilt = only(replay(start, List.of(OPEN.ledgerEntryFor(ChannelFixtures.PAYEE.publicKey()),
                proof.ledgerEntry(ChannelFixtures.PAYER.publicKey()), start.closeEntry(close))));

        assertEquals(close, rebuilt.close().orElseThrow());
        assertEquals(25_000, rebuilt.close().orElseThrow().paid());
    }

    @Test
    void openChannelKeepsTakingProofsAfterReplay() {
        ChannelLedger payee = replay(ChannelLedger.empty(ChannelFixtures.PAYEE),
                List.of(OPEN.ledgerEntryFor(ChannelFixtures.PAYEE.publicKey()),
                        ChannelFixtures.proof(OPEN, 10_000).ledgerEntry(ChannelFixtures.PAYER.publicKey())));
        Channel channel = only(payee);

        assertEquals(Channel.Status.OPEN, channel.status());
        assertEquals(ChannelRejection.STALE,
                channel.receive(ChannelFixtures.proof(OPEN, 10_000).encode()).rejection().orElseThrow().reason());
        assertEquals(20_000, channel.receive(ChannelFixtures.proof(OPEN, 20_000).encode()).orElseThrow().paid());
    }

    @Test
    void rejectsRecordsThatDoNotFitTheChannelsReplayedSoFar() {
        ChannelLedger empty = ChannelLedger.empty(ChannelFixtures.PAYEE);
        Receipt openEntry = OPEN.ledgerEntryFor(ChannelFixtures.PAYEE.publicKey());
        Receipt proof = ChannelFixtures.proof(OPEN, 10_000).ledgerEntry(ChannelFixtures.PAYER.publicKey());
        ChannelLedger opened = empty.replay(openEntry);
        ChannelLedger paid = opened.replay(proof);
        ChannelClose close = only(paid).closeUnilaterally().orElseThrow().close();

        assertThrows(ContractException.class, () -> empty.replay(proof), "proof of a channel never opened");
        assertThrows(ContractException.class, () -> opened.replay(openEntry), "opened twice");
        assertThrows(ContractException.class, () -> paid.replay(proof), "proof not above the latest");
        assertThrows(ContractException.class, () -> opened.replay(paid.closeEntry(close)), "close at another amount");
        ChannelLedger closed = paid.replay(paid.closeEntry(close));
        assertThrows(ContractException.class, () -> closed.replay(
                ChannelFixtures.proof(OPEN, 20_000).ledgerEntry(ChannelFixtures.PAYER.publicKey())), "proof after close");
        assertThrows(ContractException.class, () -> ChannelLedger.empty(ChannelFixtures.PAYER).replay(openEntry),
                "an entry not signed by the other party");
    }

    @Test
    void receiptRecordsAreNotChannelDocuments() {
        byte[] payload = ChannelFixtures.proof(OPEN, 1).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Receipt receipt = CoseSign1.sign(Domain.RECEIPT, payload, ChannelFixtures.PAYER)
                .ledgerEntry(ChannelFixtures.PAYER.publicKey());
        assertFalse(ChannelLedger.holdsChannelDocument(receipt));
    }
}
