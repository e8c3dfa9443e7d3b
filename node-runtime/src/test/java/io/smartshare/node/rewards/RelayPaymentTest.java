package io.smartshare.node.rewards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.ReceiptRejection;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.Ledger;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.storage.LedgerFiles;
import io.smartshare.node.config.RewardsConfig;
import io.smartshare.node.lifecycle.ServiceCounters;
import io.smartshare.node.mesh.forwarding.CarriageMeter;
import io.smartshare.node.metering.PeerMeter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is cut: a neighbour owing more than the grace, until a receipt brings it under. */
class RelayPaymentTest {
    private static final ServiceCounters NO_SERVICES = atMillis -> Map.of();
    private static final NodeIdentity PROVIDER = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity PAYER = NodeIdentity.generate(new SecureRandom());
    private static final NodeIdentity SILENT = NodeIdentity.generate(new SecureRandom());
    private static final long GRACE = 1_000_000;

    @TempDir
    Path dir;

    private final CarriageMeter mesh = new CarriageMeter();
    private final List<Set<NodeId>> gate = new ArrayList<>();

    private static SignedReceipt receipt(Resource resource, long amount, long start) {
        return SignedReceipt.sign(new ReceiptClaim(PROVIDER.publicKey(), PAYER.publicKey(), resource, amount, start,
                start + 1_000, new byte[16], CheckpointRef.of(0, new byte[32])), PAYER);
    }

    @Test
    void aNeighbourOwingMoreThanTheGraceIsCutAndRestoredWhenItsReceiptArrives() {
        try (Ledger ledger = LedgerFiles.open(dir, PROVIDER)) {
            PeerMeter meter = PeerMeter.open(dir, mesh::snapshot, NO_SERVICES, 1_000);
            ReceiptDesk desk = ReceiptDesk.empty(ledger, meter, RewardsConfig.defaultTolerances(), e -> { });
            ChannelDesk channels = ChannelDesk.empty(ledger, PROVIDER, e -> { });
            RelayPayment payment = new RelayPayment(meter, desk, channels, gate::add, GRACE);

            mesh.carriedFor(PAYER.nodeId(), 600_000, 300_000);
            mesh.carriedFor(SILENT.nodeId(), 900_000, 100_000);
            assertEquals(Set.of(), payment.run(), "within the grace: 900,000 and 1,000,000 bytes owed");

            mesh.carriedFor(PAYER.nodeId(), 2_000_000, 100_000);
            mesh.carriedFor(SILENT.nodeId(), 1, 0);
            assertEquals(Set.of(PAYER.nodeId(), SILENT.nodeId()), payment.run(), "3,000,000 and 1,000,001 owed");
            assertEquals(Set.of(PAYER.nodeId(), SILENT.nodeId()), gate.get(gate.size() - 1));

            assertTrue(desk.accept(receipt(Resource.RELAY_UP, 2_600_000, 1_000)).acceptedValue().isPresent());
            assertTrue(desk.accept(receipt(Resource.RELAY_DOWN, 400_000, 1_000)).acceptedValue().isPresent());
            assertEquals(Set.of(SILENT.nodeId()), payment.run(), "the payer's receipts cover what it was served");
            assertEquals(Set.of(SILENT.nodeId()), gate.get(gate.size() - 1), "and the gate lets it through again");

            mesh.carriedFor(PAYER.nodeId(), 97_000_000, 0);
            assertEquals(Set.of(PAYER.nodeId(), SILENT.nodeId()), payment.run(), "97,000,000 more owed");
            // the payer sent 3 % more than arrived (lost packets): beyond the 2 % tolerance, within twice it
            assertEquals(ReceiptRejection.BEYOND_TOLERANCE, desk.accept(receipt(Resource.RELAY_UP, 102_600_000, 3_000))
                    .rejection().orElseThrow().reason());
            assertEquals(Set.of(SILENT.nodeId()), payment.run(), "a payer whose receipt was only a little off is not cut");
            assertEquals(ReceiptRejection.BEYOND_TOLERANCE, desk.accept(receipt(Resource.RELAY_UP, 500_000_000, 5_000))
                    .rejection().orElseThrow().reason());
            mesh.carriedFor(PAYER.nodeId(), 50_000_000, 0);
            assertEquals(Set.of(PAYER.nodeId(), SILENT.nodeId()), payment.run(),
                    "a wild claim covers nothing: the payer owes the 50,000,000 since its last plausible receipt");
        }
    }
}
