package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.identity.NodeIdentity;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReceiptOutboxTest {
    private static final NodeIdentity CONSUMER = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity PROVIDER = NodeIdentity.generate(new SecureRandom());
    private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 5683);

    private record Sent(SignedReceipt receipt, Consumer<Boolean> done) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final ReceiptOutbox outbox = new ReceiptOutbox((receipt, address, done) -> sent.add(new Sent(receipt, done)));

    private static SignedReceipt receipt(long amount, long end) {
        return SignedReceipt.sign(new ReceiptClaim(PROVIDER.publicKey(), CONSUMER.publicKey(), Resource.RELAY_UP, amount,
                end - 1_000, end, new byte[16], CheckpointRef.of(0, new byte[32])), CONSUMER);
    }

    @Test
    void anUnansweredReceiptIsSentAgainUntilTheProviderAnswers() {
        SignedReceipt receipt = receipt(1_000, 2_000);
        outbox.add(List.of(receipt));

        outbox.flush(id -> Optional.empty()); // provider away
        assertEquals(0, sent.size());
        outbox.flush(id -> Optional.of(ADDRESS));
        outbox.flush(id -> Optional.of(ADDRESS)); // still under way: not sent twice
        assertEquals(1, sent.size());

        sent.get(0).done().accept(false); // lost
        outbox.flush(id -> Optional.of(ADDRESS));
        assertEquals(2, sent.size());

        sent.get(1).done().accept(true); // answered
        outbox.flush(id -> Optional.of(ADDRESS));
        assertEquals(2, sent.size());
        assertEquals(0, outbox.unanswered());
    }

    @Test
    void aNewerReceiptReplacesTheUnansweredOne() {
        outbox.add(List.of(receipt(1_000, 2_000)));
        SignedReceipt newer = receipt(3_000, 3_000);
        outbox.add(List.of(newer));

        outbox.flush(id -> Optional.of(ADDRESS));

        assertEquals(1, sent.size());
        assertEquals(newer, sent.get(0).receipt());
    }

    @Test
    void anAnswerToAnOlderPostDoesNotDropANewerReceipt() {
        outbox.add(List.of(receipt(1_000, 2_000)));
        outbox.flush(id -> Optional.of(ADDRESS));
        outbox.add(List.of(receipt(3_000, 3_000)));

        sent.get(0).done().accept(true);

        assertEquals(1, outbox.unanswered());
    }
}
