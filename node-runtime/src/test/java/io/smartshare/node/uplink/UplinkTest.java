package io.smartshare.node.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.smartshare.hal.dataplane.IpPrefix;
import io.smartshare.hal.driver.sim.SimDataPlane;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.MeshTransport;
import io.smartshare.node.mesh.coap.MeshView;
import io.smartshare.node.mesh.coap.NeighborAddresses;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.sim.EventLoop;
import io.smartshare.node.testing.SeededIdentities;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The uplink under concurrent readers: {@code /uplink} (a CoAP thread) while the meter reads the tunnel (node-work). */
class UplinkTest {
    private static final MeshTransport SILENT = new MeshTransport() {
        @Override
        public void multicast(byte[] frame) {
        }

        @Override
        public void unicast(LinkAddress to, byte[] frame) {
        }

        @Override
        public void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome) {
        }
    };

    private static Uplink open(SimDataPlane sim) throws Exception {
        NodeIdentity self = SeededIdentities.identity(1);
        MeshNode node = MeshNode.builder(self, SILENT, new EventLoop()).tunnelKey(SeededIdentities.tunnelPrivate(self))
                .firstHelloSequence(1).build();
        MeshView mesh = new MeshView(node, new NeighborAddresses(node), OptionalLong.empty());
        return Uplink.open(mesh, sim, "sswtest", SeededIdentities.tunnelPrivate(self),
                new TunnelPlan.Local(self.nodeId(), IpPrefix.parse("100.64.0.0/10"), List.of(), 51820), ShareCaps.NONE);
    }

    private static Thread start(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true); // a deadlocked one must not keep the test JVM alive
        thread.start();
        return thread;
    }

    private static void awaitBlocked(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.BLOCKED) {
            assertFalse(thread.getState() == Thread.State.TERMINATED, "it did not wait for the tunnel's counters");
            Thread.sleep(1);
        }
    }

    @Test
    void theDocumentAndAMeterReadWaitingForTheTunnelNeverWaitForEachOther() throws Exception {
        SimDataPlane sim = new SimDataPlane();
        Uplink uplink = open(sim);
        Thread document;
        Thread meterRead;
        synchronized (sim) { // every read of the tunnel's counters waits here until this block ends
            document = start(uplink::document);
            awaitBlocked(document);
            meterRead = start(() -> uplink.tunnelMeter().get());
            awaitBlocked(meterRead);
        }
        long[] ids = {document.getId(), meterRead.getId()};
        while (document.isAlive() || meterRead.isAlive()) {
            long[] deadlocked = ManagementFactory.getThreadMXBean().findMonitorDeadlockedThreads();
            if (deadlocked != null && Arrays.stream(deadlocked).anyMatch(id -> id == ids[0] || id == ids[1])) {
                fail("/uplink and the meter deadlocked: each holds the lock the other waits for");
            }
            Thread.sleep(5);
        }
        assertEquals(List.of(), uplink.document().get("peers"), "and both answered");
    }
}
