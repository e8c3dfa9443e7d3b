package io.smartshare.node.mesh.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.mesh.MeshConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The simulator scenarios at CI size; the 1,000-node runs live in scripts/bench-mesh. */
class SimulatorTest {
    private static final MeshConfig CONFIG = MeshConfig.defaults();

    @Test
    void noLoopsOnA200NodeGridWithChurnAndGatewayUplinkLoss() {
        ChurnRun r = ChurnRun.run(Topology.grid(14, 2), LinkModel.withLoss(0.02), CONFIG, 101, 60_000);
        assertEquals(0, r.maxNodesInLoops());
        assertTrue(r.checks() > 200, "inspections: " + r.checks());
        assertTrue(r.kills() >= 18);
        assertTrue(r.failoverMillis() >= 0, "never failed over");
        assertTrue(r.reconvergenceMillis() >= 0, "never reconverged after churn");
    }

    @Test
    void noLoopsOnA200NodeRandomDiskWithChurnAndGatewayUplinkLoss() {
        ChurnRun r = ChurnRun.run(Topology.randomDisk(200, 10, 2, 202), LinkModel.withLoss(0.02), CONFIG, 202, 60_000);
        assertEquals(0, r.maxNodesInLoops());
        assertTrue(r.reconvergenceMillis() >= 0, "never reconverged after churn");
    }

    @Test
    void neighbourDeathAtFiveHopsIsDetectedWithinThreeAndRepairedWithinTenVirtualSeconds() {
        NeighborDeathRun r = NeighborDeathRun.run(Topology.grid(15, 1), LinkModel.withLoss(0.02), CONFIG, 303, 3, 5);
        assertTrue(r.worstDetectionMillis() <= 3_000, "detection " + Arrays.toString(r.detectionMillis()));
        assertTrue(r.worstReconvergenceMillis() >= 0 && r.worstReconvergenceMillis() <= 10_000,
                "reconvergence " + Arrays.toString(r.reconvergenceMillis()));
        assertEquals(0, r.maxNodesInLoops());
    }

    @Test
    void hopByHopRetransmissionDeliversOverFiveHopsAtTenPercentLoss() {
        LossyLineRun r = LossyLineRun.run(5, 0.10, 400, CONFIG, 404);
        assertTrue(r.deliveryRatio() >= 0.995, "delivered " + r.deliveryRatio());
    }

    @Test
    void sameSeedGivesTheSameRun() {
        SteadyStateRun a = SteadyStateRun.run(Topology.randomDisk(30, 6, 1, 5), LinkModel.withLoss(0.05), CONFIG, 5, 10_000, 20_000);
        SteadyStateRun b = SteadyStateRun.run(Topology.randomDisk(30, 6, 1, 5), LinkModel.withLoss(0.05), CONFIG, 5, 10_000, 20_000);
        assertEquals(a, b);
        assertEquals(0, a.maxNodesInLoops());
    }
}
