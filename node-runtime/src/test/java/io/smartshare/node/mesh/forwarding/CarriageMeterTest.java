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
    void snapshotsDoNotChangeAfterwards() {
        CarriageMeter meter = new CarriageMeter();
        meter.carriedFor(UPSTREAM, 10, 10);
        CarriageSnapshot first = meter.snapshot();
        meter.carriedFor(UPSTREAM, 10, 10);

        assertEquals(new Carriage(10, 10, 1), first.providedTo().get(UPSTREAM));
    }
}
