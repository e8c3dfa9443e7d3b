package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelClose;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelRejection;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.coap.RequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands on two nodes' desks over real ledgers, their documents handed
 * across directly (as {@code /channels/peer/...} would take them), with messages of chosen
 * kinds lost on the way.
 */
class ChannelOperatorTest {
    private static final NodeIdentity A = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity B = NodeIdentity.generate(new SecureRandom());

    @TempDir
    Path dir;

    private Ledger ledgerA;
    private Ledger ledgerB;
    private ChannelDesk deskA;
    private ChannelDesk deskB;
    private final Set<ChannelMessage> lost = EnumSet.noneOf(ChannelMessage.class);

    @BeforeEach
    void open() {
        ledgerA = Ledger.open(dir.resolve("a"), A);
        ledgerB = Ledger.open(dir.resolve("b"), B);
        deskA = desk(ledgerA, A);
        deskB = desk(ledgerB, B);
    }

    @AfterEach
    void close() {
        ledgerA.close();
        ledgerB.close();
    }

    private static ChannelDesk desk(Ledger ledger, NodeIdentity identity) {
        ChannelDesk desk = ChannelDesk.empty(ledger, identity);
        LedgerReplay.replay(ledger, List.of(desk));
        return desk;
    }

    /** The operator of the node at {@code desk}; documents for A reach A's desk, all others B's, unless lost. */
    private ChannelOperator operator(ChannelDesk desk) {
        return new ChannelOperator(desk, (party, kind, payload) -> {
            ChannelDesk other = party.equals(A.publicKey()) ? deskA : deskB;
            if (lost.contains(kind)) {
                throw new RequestException(ResponseCode.GATEWAY_TIMEOUT, "lost");
            }
            Outcome<byte[], ChannelRejection> outcome = new ChannelInbox(other).take(kind, payload);
            if (outcome.rejection().isPresent()) {
                return new ChannelOperator.Answer(ChannelCodes.of(outcome.rejection().get().reason()),
                        outcome.rejection().get().toString().getBytes(StandardCharsets.UTF_8));
            }
            return new ChannelOperator.Answer(kind == ChannelMessage.OPEN ? ResponseCode.CREATED : ResponseCode.CHANGED,
                    outcome.acceptedValue().get());
        }, new SecureRandom());
    }

    private static Channel on(ChannelDesk desk, ChannelId id) {
        return desk.channel(id).orElseThrow();
    }

    @Test
    void thePayeeClosesCooperativelyAndBothHoldTheSameClose() {
        ChannelId id = operator(deskA).open(B.publicKey(), 50_000).id();
        operator(deskA).pay(id, 10_000);

        Channel closed = operator(deskB).close(id, false);

        assertEquals(Channel.Status.CLOSED, on(deskA, id).status());
        assertTrue(closed.close().orElseThrow() instanceof ChannelClose.Cooperative);
        assertEquals(closed.close(), on(deskA, id).close());
        assertEquals(10_000, closed.close().orElseThrow().paid());
        assertEquals(List.of(3L, 3L), List.of(ledgerA.size(), ledgerB.size()));
    }

    @Test
    void aPaymentThePayeeDidNotGetIsRecordedByThePayerAndCarriedByTheClose() {
        ChannelId id = operator(deskA).open(B.publicKey(), 50_000).id();
        lost.add(ChannelMessage.PROOF);
        RequestException unanswered = assertThrows(RequestException.class, () -> operator(deskA).pay(id, 10_000));
        assertEquals(ResponseCode.GATEWAY_TIMEOUT, unanswered.code());
        assertTrue(unanswered.getMessage().contains("recorded here, paid 10000"), unanswered.getMessage());
        assertEquals(0, on(deskB, id).paid());
        lost.clear();

        operator(deskA).close(id, false);

        assertEquals(10_000, on(deskB, id).close().orElseThrow().paid());
        assertEquals(10_000, on(deskA, id).close().orElseThrow().paid());
    }

    @Test
    void refusalsByEitherSideChangeNothingOnThisNode() {
        Ed25519PublicKey stranger = NodeIdentity.generate(new SecureRandom()).publicKey();
        RequestException wrongPayee = assertThrows(RequestException.class,
                () -> operator(deskA).open(stranger, 10), "B is not the payee the proposal names");
        assertEquals(ResponseCode.BAD_GATEWAY, wrongPayee.code());
        assertTrue(wrongPayee.getMessage().contains("WRONG_SIGNER"), wrongPayee.getMessage());
        assertEquals(List.of(0L, 0L), List.of(ledgerA.size(), ledgerB.size()));
        ChannelId id = operator(deskA).open(B.publicKey(), 1_000).id();
        long sizeA = ledgerA.size();

        assertEquals(ResponseCode.FORBIDDEN, assertThrows(RequestException.class,
                () -> operator(deskA).pay(id, 1_001)).code(), "over the deposit");
        assertEquals(ResponseCode.FORBIDDEN, assertThrows(RequestException.class,
                () -> operator(deskB).pay(id, 1)).code(), "the payee cannot pay");
        assertEquals(ResponseCode.NOT_FOUND, assertThrows(RequestException.class,
                () -> operator(deskA).pay(ChannelId.of(new byte[16]), 1)).code());
        assertEquals(ResponseCode.BAD_REQUEST, assertThrows(RequestException.class,
                () -> operator(deskA).open(A.publicKey(), 10)).code(), "a channel to itself");
        lost.add(ChannelMessage.CLOSE);
        assertThrows(RequestException.class, () -> operator(deskA).close(id, false));
        assertEquals(sizeA, ledgerA.size());
        assertEquals(Channel.Status.OPEN, on(deskA, id).status());
    }
}
