package io.smartshare.node.mesh.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.mesh.link.Delivery;
import org.junit.jupiter.api.Test;

class EtxEstimatorTest {
    @Test
    void lossFreeHeartbeatsDriveEtxTowardsOne() {
        EtxEstimator e = new EtxEstimator();
        for (int s = 0; s < 2_000; s++) {
            e.heartbeat(s & 0xff);
        }
        assertTrue(e.etx() < 1.01, "etx " + e.etx());
        assertEquals(128, e.metric());
    }

    @Test
    void halfTheHeartbeatsLostGivesEtxNearFour() {
        EtxEstimator e = new EtxEstimator();
        for (int s = 0; s < 600; s += 2) {
            e.heartbeat(s & 0xff);
        }
        assertEquals(4.0, e.etx(), 0.05);
        assertTrue(e.metric() > 440, "metric " + e.metric());
    }

    @Test
    void conTimeoutsRaiseEtxAndAcknowledgementsLowerIt() {
        EtxEstimator e = new EtxEstimator();
        for (int i = 0; i < 10 * EtxEstimator.CON_WINDOW; i++) {
            e.delivery(new Delivery.TimedOut(5));
        }
        assertTrue(e.etx() > 7);
        for (int i = 0; i < 40 * EtxEstimator.CON_WINDOW; i++) {
            e.delivery(new Delivery.Acknowledged(1));
        }
        assertTrue(e.etx() < 1.1);
    }

    @Test
    void metricIgnoresSmallDrifts() {
        EtxEstimator e = new EtxEstimator();
        int before = e.metric();
        assertEquals(false, e.delivery(new Delivery.Acknowledged(2)));
        assertEquals(before, e.metric());
    }
}
