package io.smartshare.node.mesh.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CarriageMeterTest {
    private static final NodeId UPSTREAM = NodeIdentity.generate(new SecureRandom()).nodeId();
    private static final NodeId NEXT_HOP = NodeIdentity.generate(new SecureRandom()).nodeId();

    @Test
    void countsServiceForAndByEachNeighbourSeparately() {
        CarriageMeter meter = new CarriageMeter();
        meter.carriedFor(UPSTREAM, 1_000, 200);
        meter.carriedFor(UPSTREAM, 500, 50);
        meter.carriedBy(NEXT_HOP, 1_000, 200);

        CarriageSnapshot snapshot = meter.snapshot();

        assertEquals(new Carriage(1_500, 250, 2), snapshot.providedTo().get(UPSTREAM));
        assertEquals(new Carriage(1_000, 200, 1), snapshot.consumedFrom().get(NEXT_HOP));
        assertTrue(!snapshot.providedTo().containsKey(NEXT_HOP) && !snapshot.consumedFrom().containsKey(UPSTREAM));
    }

    @Test
    void aNewPeerBeyondTheBoundIsCarriedUncountedAndTheRefusalCounted() {
        CarriageMeter meter = new CarriageMeter();
        for (int i = 0; i < 2 * CarriageMeter.MAX_PEERS; i++) {
            meter.carriedFor(peer(i), 10, 1);
        }
        meter.carriedFor(peer(2 * CarriageMeter.MAX_PEERS), 10, 1);
        meter.carriedFor(peer(0), 5, 0);
        assertEquals(2 * CarriageMeter.MAX_PEERS, meter.snapshot().providedTo().size());
        assertEquals(1, meter.peersRefused());
        assertEquals(15, meter.snapshot().providedTo().get(peer(0)).upBytes(), "known peers are still counted");
    }

    private static NodeId peer(int i) {
        return NodeIdentity.fromSeed(java.nio.ByteBuffer.allocate(32).putInt(i).array()).nodeId();
    }

    @Test
    void snapshotsDoNotChangeAfterwards() {
        CarriageMeter meter = new CarriageMeter();
        meter.carriedFor(UPSTREAM, 10, 10);
        CarriageSnapshot first = meter.snapshot();
        meter.carriedFor(UPSTREAM, 10, 10);

        assertEquals(new Carriage(10, 10, 1), first.providedTo().get(UPSTREAM));
    }
}
