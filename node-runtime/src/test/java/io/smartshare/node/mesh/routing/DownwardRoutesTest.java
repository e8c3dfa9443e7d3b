package io.smartshare.node.mesh.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import java.util.List;
import io.smartshare.node.testing.SeededIdentities;
import org.junit.jupiter.api.Test;

class DownwardRoutesTest {
    private static final NodeId CHILD = SeededIdentities.identity(1).nodeId();

    private static NodeId target(int i) {
        return new NodeId("ss" + String.format("%026d", i).replace('0', 'a').replace('1', 'b').replace('2', 'c')
                .replace('3', 'd').replace('4', 'e').replace('5', 'f').replace('6', 'g').replace('7', 'h')
                .replace('8', 'i').replace('9', 'j'));
    }

    @Test
    void aFullTableRefusesNewTargetsCountedWhileItsOwnTargetsKeepRefreshing() {
        DownwardRoutes routes = new DownwardRoutes();
        for (int i = 0; i < DownwardRoutes.CAPACITY; i++) {
            assertTrue(routes.learn(target(i), CHILD, 1, 900, List.of(), 0));
        }
        assertFalse(routes.learn(target(DownwardRoutes.CAPACITY), CHILD, 1, 900, List.of(), 1_000), "made-up targets stop here");
        assertEquals(1, routes.refused());
        assertTrue(routes.learn(target(7), CHILD, 2, 900, List.of(), 2_000), "a known target refreshes");
        assertTrue(routes.learn(target(DownwardRoutes.CAPACITY), CHILD, 1, 900, List.of(), 901_000),
                "once routes expire there is room again");
        assertEquals(1, routes.refused());
    }
}
