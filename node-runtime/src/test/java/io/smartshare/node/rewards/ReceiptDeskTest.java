package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.ReceiptRejection;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.node.config.RewardsConfig;
import io.smartshare.node.lifecycle.ServiceCounters;
import io.smartshare.node.mesh.forwarding.CarriageMeter;
import io.smartshare.node.metering.PeerMeter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's desk over a real ledger: accepted receipts are appended, and survive a reopen. */
class ReceiptDeskTest {
    /** No service besides relaying counts anything. */
    private static final ServiceCounters NO_SERVICES = atMillis -> java.util.Map.of();

    private static final NodeIdentity PROVIDER = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity CONSUMER = NodeIdentity.generate(new SecureRandom());

    @TempDir
    Path dir;

    private final CarriageMeter mesh = new CarriageMeter();
    private final List<Object> events = new java.util.ArrayList<>();

    private ReceiptDesk open(Ledger ledger) {
        PeerMeter meter = PeerMeter.open(dir, mesh::snapshot, NO_SERVICES, 1_000);
        ReceiptDesk desk = ReceiptDesk.empty(ledger, meter, RewardsConfig.defaultTolerances(), events::add);
        LedgerReplay.replay(ledger, List.of(desk));
        return desk;
    }

    private static SignedReceipt receipt(long amount, long start, long end) {
        return SignedReceipt.sign(new ReceiptClaim(PROVIDER.publicKey(), CONSUMER.publicKey(), Resource.RELAY_UP, amount,
                start, end, new byte[16], CheckpointRef.of(0, new byte[32])), CONSUMER);
    }

    @Test
    void anAcceptedReceiptIsInTheLedgerAndARestartedDeskRefusesItsReplay() {
        mesh.carriedFor(CONSUMER.nodeId(), 100_000, 0);
        SignedReceipt first = receipt(100_000, 1_000, 2_000);
        try (Ledger ledger = LedgerFiles.open(dir, PROVIDER)) {
            ReceiptDesk desk = open(ledger);
            assertTrue(desk.accept(first).acceptedValue().isPresent());
            assertEquals(1, ledger.size());
            assertEquals(first.ledgerEntry(), ledger.read(0, 1).get(0).body());
            assertEquals(List.of(new RewardsEvent.ReceiptAccepted(CONSUMER.nodeId().value(), "relay.up", 100_000, 0)),
                    events);
        }
        try (Ledger ledger = LedgerFiles.open(dir, PROVIDER)) {
            ReceiptDesk desk = open(ledger);

            assertEquals(ReceiptRejection.REPLAY, desk.accept(first).rejection().orElseThrow().reason());
            assertEquals(ReceiptRejection.DECREASING,
                    desk.accept(receipt(50_000, 2_000, 3_000)).rejection().orElseThrow().reason());
            assertEquals(List.of(Map.of("consumer", CONSUMER.nodeId().value(), "resource", "relay.up",
                    "amount", 100_000L, "receipts", 1L)), desk.document());
            assertEquals(1, ledger.size(), "rejections append nothing");
            assertEquals(1, events.size(), "and publish nothing");
        }
    }

    @Test
    void aClaimBeyondTheOwnMeterIsRefusedAndAppendsNothing() {
        mesh.carriedFor(CONSUMER.nodeId(), 100_000, 0);
        try (Ledger ledger = LedgerFiles.open(dir, PROVIDER)) {
            ReceiptDesk desk = open(ledger);

            assertEquals(ReceiptRejection.BEYOND_TOLERANCE,
                    desk.accept(receipt(10_000_000, 1_000, 2_000)).rejection().orElseThrow().reason());
            assertEquals(0, ledger.size());
            assertTrue(desk.document().isEmpty());
        }
    }
}
