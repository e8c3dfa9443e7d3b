package io.smartshare.contracts.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.record.Receipt;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Example 5 of docs/contracts.md: the channel of example 2 run between two nodes, its wire
 * sizes, proof payload and close hash (also computed by contracts_vectors.py) and the payee's
 * ledger records.
 */
class ChannelExampleTest {
    @Test
    void example5() throws Exception {
        ChannelOpen open = ChannelFixtures.exampleOpen();
        byte[] proposal = ChannelOpen.propose(open.terms(), ChannelFixtures.PAYER);
        Channel.Payment first = Channel.opened(open).pay(10_000, ChannelFixtures.PAYER).orElseThrow();
        Channel.Payment second = first.channel().pay(15_000, ChannelFixtures.PAYER).orElseThrow();
        byte[] payerClose = second.channel().proposeClose(ChannelFixtures.PAYER).orElseThrow();
        Channel payee = Channel.opened(open).receive(first.proof().encode()).orElseThrow()
                .receive(second.proof().encode()).orElseThrow();
        Channel.Closing closing = payee.closeCooperatively(payerClose, ChannelFixtures.PAYEE).orElseThrow();
        ChannelLedger payeeLedger = ChannelLedger.empty(ChannelFixtures.PAYEE);
        List<Receipt> payeeRecords = List.of(open.ledgerEntryFor(ChannelFixtures.PAYEE.publicKey()),
                first.proof().ledgerEntry(ChannelFixtures.PAYER.publicKey()),
                second.proof().ledgerEntry(ChannelFixtures.PAYER.publicKey()), payeeLedger.closeEntry(closing.close()));
        for (Receipt record : payeeRecords) {
            payeeLedger = payeeLedger.replay(record);
        }

        assertEquals("proposal 200, open record 401, proof 130, close signature 130, close 664",
                "proposal " + proposal.length + ", open record " + open.encode().length + ", proof "
                        + second.proof().encode().length + ", close signature " + payerClose.length + ", close "
                        + closing.close().encode().length);
        assertEquals("a3000101506d1f2ee3bad8f5bd1f967aeb098758b6021961a8",
                HexFormat.of().formatHex(CoseSign1.decode(Domain.CHANNEL_PROOF, second.proof().encode()).payload()));
        assertEquals("a3af4d625e42100fa87b38114dbc56be4a6e7aa1899fe8e9ed8351191f3e445a", HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(closing.close().encode())));
        assertEquals(List.of(ChannelFixtures.PAYER.publicKey(), ChannelFixtures.PAYER.publicKey(),
                ChannelFixtures.PAYER.publicKey(), ChannelFixtures.PAYER.publicKey()),
                payeeRecords.stream().map(Receipt::counterparty).toList());
        Channel rebuilt = payeeLedger.channel(open.id()).orElseThrow();
        assertEquals(closing.close(), rebuilt.close().orElseThrow());
        assertEquals(25_000, rebuilt.close().orElseThrow().paid());
    }
}
