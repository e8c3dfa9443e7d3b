package io.smartshare.node.mesh.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.node.mesh.routing.RepairPolicy.Action;
import io.smartshare.node.mesh.wire.RepairRequest;
import org.junit.jupiter.api.Test;

class RepairPolicyTest {
    @Test
    void nodeWithoutRouteOrBehindTheRequesterIgnoresIt() {
        assertEquals(Action.IGNORE, RepairPolicy.decide(new RepairRequest(5, 300), false, 5, Rank.INFINITE));
        assertEquals(Action.IGNORE, RepairPolicy.decide(new RepairRequest(6, 300), true, 5, 200));
    }

    @Test
    void nodeThatCanRescueTheRequesterAdvertises() {
        assertEquals(Action.ADVERTISE, RepairPolicy.decide(new RepairRequest(4, 300), true, 5, 900));
        assertEquals(Action.ADVERTISE, RepairPolicy.decide(new RepairRequest(5, 300), true, 5, 299));
        assertEquals(Action.ADVERTISE, RepairPolicy.decide(new RepairRequest(5, Rank.INFINITE), true, 5, 900));
    }

    @Test
    void sameEpochRequesterThatNobodyNearCanRescueNeedsANewEpoch() {
        assertEquals(Action.NEW_EPOCH, RepairPolicy.decide(new RepairRequest(5, 300), true, 5, 300));
        assertEquals(Action.NEW_EPOCH, RepairPolicy.decide(new RepairRequest(5, 0), true, 5, Rank.ROOT));
    }
}
