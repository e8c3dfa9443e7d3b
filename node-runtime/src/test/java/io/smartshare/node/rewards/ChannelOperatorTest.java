package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelClose;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelRejection;
import io.smartshare.contracts.channel.RelayPrice;
import io.smartshare.contracts.metering.Role;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.node.coap.RequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands and the automatic payments of priced channels on two nodes' desks
 * over real ledgers, their documents handed across directly (as {@code /channels/peer/...}
 * would take them), with messages of chosen kinds lost on the way and each node's meter of
 * the relaying B does for A set by the test.
 */
class ChannelOperatorTest {
    private static final NodeIdentity A = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity B = NodeIdentity.generate(new SecureRandom());
    private static final Optional<ChannelOperator.PriceQuote> PRICE = Optional.of(new ChannelOperator.PriceQuote(3,
            1_000));

    @TempDir
    Path dir;

    private Ledger ledgerA;
    private Ledger ledgerB;
    private ChannelDesk deskA;
    private ChannelDesk deskB;
    private final Set<ChannelMessage> lost = EnumSet.noneOf(ChannelMessage.class);
    /** Relay bytes B carried for A: as A's meter counts them (consumed) and as B's does (provided). */
    private long consumedByA;
    private long providedByB;

    @BeforeEach
    void open() {
        ledgerA = LedgerFiles.open(dir.resolve("a"), A);
        ledgerB = LedgerFiles.open(dir.resolve("b"), B);
        deskA = desk(ledgerA, A);
        deskB = desk(ledgerB, B);
    }

    @AfterEach
    void close() {
        ledgerA.close();
        ledgerB.close();
    }

    /** What node A's desk published on its event bus. */
    private final List<Object> eventsOfA = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ChannelDesk desk(Ledger ledger, NodeIdentity identity) {
        ChannelDesk desk = ChannelDesk.empty(ledger, identity, identity == A ? eventsOfA::add : event -> { });
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
            Outcome<byte[], ChannelRejection> outcome = new ChannelInbox(other, readings(other), Tolerance.DEFAULT, 0)
                    .take(kind, payload);
            if (outcome.rejection().isPresent()) {
                return new ChannelOperator.Answer(ChannelCodes.of(outcome.rejection().get().reason()),
                        outcome.rejection().get().toString().getBytes(StandardCharsets.UTF_8));
            }
            return new ChannelOperator.Answer(kind == ChannelMessage.OPEN ? ResponseCode.CREATED : ResponseCode.CHANGED,
                    outcome.acceptedValue().get());
        }, readings(desk), new SecureRandom());
    }

    /** The meter of the node at {@code desk}: only B relays for A. */
    private RelayReadings readings(ChannelDesk desk) {
        if (desk == deskA) {
            return (peer, role) -> peer.equals(B.publicKey()) && role == Role.CONSUMED ? consumedByA : 0;
        }
        return (peer, role) -> peer.equals(A.publicKey()) && role == Role.PROVIDED ? providedByB : 0;
    }

    private ChannelAutoPay autoPay(ChannelDesk desk) {
        return new ChannelAutoPay(desk, operator(desk), readings(desk), Runnable::run);
    }

    /** A opens a channel to B at example 6's price (3 µT per 1 000 bytes) with the meters at {@code reading}. */
    private ChannelId openPriced(long deposit, long reading) {
        consumedByA = reading;
        providedByB = reading;
        return operator(deskA).open(B.publicKey(), deposit, PRICE).id();
    }

    private static Channel on(ChannelDesk desk, ChannelId id) {
        return desk.channel(id).orElseThrow();
    }

    @Test
    void thePayeeClosesCooperativelyAndBothHoldTheSameClose() {
        ChannelId id = operator(deskA).open(B.publicKey(), 50_000, Optional.empty()).id();
        operator(deskA).pay(id, 10_000);

        Channel closed = operator(deskB).close(id, false);

        assertEquals(Channel.Status.CLOSED, on(deskA, id).status());
        assertTrue(closed.close().orElseThrow() instanceof ChannelClose.Cooperative);
        assertEquals(closed.close(), on(deskA, id).close());
        assertEquals(10_000, closed.close().orElseThrow().paid());
        assertEquals(List.of(3L, 3L), List.of(ledgerA.size(), ledgerB.size()));
        assertEquals(List.of("opened 0", "paid 1", "closed 2"), eventsOfA.stream()
                .map(e -> (RewardsEvent.ChannelChanged) e).map(e -> e.change() + " " + e.seq()).toList(),
                "each recorded change is published once, after the ledger holds it");
    }

    @Test
    void aPaymentThePayeeDidNotGetIsRecordedByThePayerAndCarriedByTheClose() {
        ChannelId id = operator(deskA).open(B.publicKey(), 50_000, Optional.empty()).id();
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
                () -> operator(deskA).open(stranger, 10, Optional.empty()), "B is not the payee the proposal names");
        assertEquals(ResponseCode.BAD_GATEWAY, wrongPayee.code());
        assertTrue(wrongPayee.getMessage().contains("WRONG_SIGNER"), wrongPayee.getMessage());
        assertEquals(List.of(0L, 0L), List.of(ledgerA.size(), ledgerB.size()));
        ChannelId id = operator(deskA).open(B.publicKey(), 1_000, Optional.empty()).id();
        long sizeA = ledgerA.size();

        assertEquals(ResponseCode.FORBIDDEN, assertThrows(RequestException.class,
                () -> operator(deskA).pay(id, 1_001)).code(), "over the deposit");
        assertEquals(ResponseCode.FORBIDDEN, assertThrows(RequestException.class,
                () -> operator(deskB).pay(id, 1)).code(), "the payee cannot pay");
        assertEquals(ResponseCode.NOT_FOUND, assertThrows(RequestException.class,
                () -> operator(deskA).pay(ChannelId.of(new byte[16]), 1)).code());
        assertEquals(ResponseCode.BAD_REQUEST, assertThrows(RequestException.class,
                () -> operator(deskA).open(A.publicKey(), 10, Optional.empty())).code(), "a channel to itself");
        lost.add(ChannelMessage.CLOSE);
        assertThrows(RequestException.class, () -> operator(deskA).close(id, false));
        assertEquals(sizeA, ledgerA.size());
        assertEquals(Channel.Status.OPEN, on(deskA, id).status());
    }

    @Test
    void autoPayPaysThePriceOfWhatThePayeeRelayedCarryingTheFractions() {
        ChannelId id = openPriced(50_000, 40_000); // example 6 of docs/contracts.md
        assertEquals(Optional.of(new RelayPrice(3, 1_000, 40_000)), on(deskB, id).open().terms().price(),
                "the price and its start are in the open both signed");
        long sizeB = ledgerB.size();
        autoPay(deskA).payDue();
        assertEquals(sizeB, ledgerB.size(), "nothing relayed since the open: nothing paid");

        for (long[] step : new long[][] {{41_500, 4}, {42_000, 6}, {200_333, 480}}) {
            consumedByA = step[0];
            providedByB = step[0];
            autoPay(deskA).payDue();
            assertEquals(step[1], on(deskA, id).paid(), "A at " + step[0]);
            assertEquals(step[1], on(deskB, id).paid(), "B at " + step[0]);
            assertEquals(40_000 + step[1] * 1_000 / 3, deskB.relayPaidFor(A.nodeId()),
                    "pay to relay counts what the payments bought at the price (B at " + step[0] + ")");
        }
        assertEquals(0, deskA.relayPaidFor(B.nodeId()), "A is no payee");
        assertEquals(sizeB + 3, ledgerB.size(), "one proof per payment in the payee's ledger");
        autoPay(deskA).payDue();
        assertEquals(sizeB + 3, ledgerB.size(), "nothing more owed: no proof");
    }

    @Test
    void aProofThePayeeCouldNotBeReachedForIsSentAgainAtTheNextRound() {
        ChannelId id = openPriced(50_000, 0);
        ChannelAutoPay autoPay = autoPay(deskA);
        consumedByA = 100_000; // worth 300
        providedByB = 100_000;
        lost.add(ChannelMessage.PROOF);
        autoPay.payDue();
        assertEquals(300, on(deskA, id).paid(), "recorded before sending");
        assertEquals(0, on(deskB, id).paid());
        long sizeA = ledgerA.size();

        lost.clear();
        autoPay.payDue(); // nothing more owed: the same proof again
        assertEquals(300, on(deskB, id).paid());
        assertEquals(sizeA, ledgerA.size(), "no new proof signed");
        long sizeB = ledgerB.size();
        autoPay.payDue();
        assertEquals(sizeB, ledgerB.size(), "delivered: not sent again");
    }

    @Test
    void autoPayNeverPaysBeyondTheDeposit() {
        ChannelId id = openPriced(100, 0);
        consumedByA = 1_000_000; // worth 3 000
        providedByB = 1_000_000;
        autoPay(deskA).payDue();
        autoPay(deskA).payDue();
        assertEquals(100, on(deskA, id).paid());
        assertEquals(100, on(deskB, id).paid());
    }

    @Test
    void autoPayLeavesUnpricedClosedAndPayeeSideChannelsAlone() {
        ChannelId unpriced = operator(deskA).open(B.publicKey(), 50_000, Optional.empty()).id();
        ChannelId closed = openPriced(50_000, 0);
        operator(deskA).close(closed, true);
        consumedByA = 100_000;
        providedByB = 100_000;

        assertEquals(Optional.empty(), autoPay(deskA).owed(on(deskA, unpriced)));
        assertEquals(Optional.empty(), autoPay(deskA).owed(on(deskA, closed)));
        ChannelId priced = openPriced(50_000, 0);
        consumedByA = 100_000;
        providedByB = 100_000;
        assertEquals(Optional.of(300L), autoPay(deskA).owed(on(deskA, priced)));
        assertEquals(Optional.empty(), autoPay(deskB).owed(on(deskB, priced)), "B is the payee: it pays nothing");
    }

    @Test
    void thePayeeRefusesProofsBeyondItsOwnMeterAndNothingChanges() {
        ChannelId id = openPriced(50_000, 40_000);
        consumedByA = 200_333;
        providedByB = 200_000;
        autoPay(deskA).payDue();
        assertEquals(480, on(deskB, id).paid());
        long sizeB = ledgerB.size();

        consumedByA = 300_000; // worth 780, B metered 200 000: at most 541
        autoPay(deskA).payDue();
        assertEquals(780, on(deskA, id).paid(), "the payer records what it signs before sending");
        assertEquals(480, on(deskB, id).paid());
        assertEquals(sizeB, ledgerB.size());

        ChannelId low = openPriced(50_000, 40_000);
        providedByB = 200_000; // worth at least 418 within tolerance
        RequestException under = assertThrows(RequestException.class, () -> operator(deskA).pay(low, 100));
        assertEquals(ResponseCode.BAD_GATEWAY, under.code());
        assertTrue(under.getMessage().contains("4.03") && under.getMessage().contains("BEYOND_TOLERANCE"),
                under.getMessage());
        assertEquals(0, on(deskB, low).paid());
    }

    @Test
    void thePayeeRefusesAPriceStartingAboveItsOwnMeter() {
        consumedByA = 200_000;
        providedByB = 100_000; // at most 118 384 within tolerance
        long sizeA = ledgerA.size();
        long sizeB = ledgerB.size();
        RequestException refused = assertThrows(RequestException.class,
                () -> operator(deskA).open(B.publicKey(), 50_000, PRICE));
        assertTrue(refused.getMessage().contains("BEYOND_TOLERANCE"), refused.getMessage());
        assertEquals(List.of(sizeA, sizeB), List.of(ledgerA.size(), ledgerB.size()));
        assertTrue(deskB.channels().isEmpty());
    }
}
