package io.smartshare.node.mesh.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopologyTest {
    @Test
    void aLineKnowsItsGatewayAndWhoHearsWhom() {
        Topology line = Topology.line(3); // 0 (gateway) - 1 - 2
        assertTrue(line.isGateway(0));
        assertFalse(line.isGateway(1));
        assertTrue(line.areNeighbours(0, 1) && line.areNeighbours(1, 0) && line.areNeighbours(2, 1));
        assertFalse(line.areNeighbours(0, 2));
        assertFalse(line.areNeighbours(-1, 0));
        assertFalse(line.areNeighbours(3, 2));
        assertFalse(line.areNeighbours(2, 3));
    }
}
