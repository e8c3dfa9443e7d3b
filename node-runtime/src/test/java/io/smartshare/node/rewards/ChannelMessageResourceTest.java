package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.LedgerFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may hand B its channel documents over plain {@code coap://}: with a channel A pays B, a
 * third live neighbour C sending A's open proposal, proof or close signature is refused (4.03)
 * before the desk sees it; A itself, and any coaps client, pass on to the inbox's checks.
 */
class ChannelMessageResourceTest {
    private static final NodeIdentity A = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity B = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity C = NodeIdentity.generate(new SecureRandom());

    @TempDir
    Path dir;

    @Test
    void aNeighbourSendingAnotherPartysChannelDocumentIsRefused() {
        try (Ledger ledger = LedgerFiles.open(dir, B)) {
            ChannelDesk desk = ChannelDesk.empty(ledger, B, event -> { });
            LedgerReplay.replay(ledger, List.of(desk));
            ChannelInbox inbox = new ChannelInbox(desk, (peer, role) -> 0, Tolerance.DEFAULT, 0);
            byte[] record = inbox.take(ChannelMessage.OPEN, ChannelOpen.propose(terms(), A)).orElseThrow();
            Channel payerSide = Channel.opened(ChannelOpen.decode(record).orElseThrow());
            Map<ChannelMessage, byte[]> documentsOfA = Map.of(
                    ChannelMessage.OPEN, ChannelOpen.propose(terms(), A),
                    ChannelMessage.PROOF, payerSide.pay(10, A).orElseThrow().proof().encode(),
                    ChannelMessage.CLOSE, payerSide.proposeClose(A).orElseThrow());
            long size = ledger.size();

            documentsOfA.forEach((kind, bytes) -> {
                ChannelMessageResource resource = new ChannelMessageResource(kind, inbox, Runnable::run,
                        Optional.empty(), request -> true);
                Optional<String> refusal = resource.foreignDocument(bytes, neighbour(C));
                assertTrue(refusal.isPresent(), kind + " of A sent by C");
                assertTrue(refusal.get().contains(NodeId.of(A.publicKey()).value())
                        && refusal.get().contains("neighbour " + NodeId.of(C.publicKey()).value()), refusal.get());
                assertEquals(Optional.empty(), resource.foreignDocument(bytes, neighbour(A)), kind + " sent by A");
                assertEquals(Optional.empty(), resource.foreignDocument(bytes,
                        new SignedMessageResource.Sender(true, Optional.empty())), kind + " over coaps");
            });
            assertEquals(size, ledger.size(), "refusals reach no desk");
            assertEquals(0, desk.channel(payerSide.id()).orElseThrow().paid());
        }
    }

    private static ChannelTerms terms() {
        return new ChannelTerms(A.publicKey(), B.publicKey(), 1_000, new byte[16]);
    }

    private static SignedMessageResource.Sender neighbour(NodeIdentity node) {
        return new SignedMessageResource.Sender(false, Optional.of(NodeId.of(node.publicKey())));
    }
}
