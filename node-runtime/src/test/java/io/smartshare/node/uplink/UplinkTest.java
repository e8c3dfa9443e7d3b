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
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The uplink under concurrent readers: {@code /uplink}, answered on the CoAP thread, never waits
 * for the meter's read of the tunnel or for a sync (once it deadlocked with the meter and made
 * the node deaf; a wait there holds up every mesh frame).
 */
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
            assertFalse(thread.getState() == Thread.State.TERMINATED, "it did not wait for the data plane");
            Thread.sleep(1);
        }
    }

    /**
     * Runs {@code uplink.document()} on another thread; fails if it waits for a lock that this
     * thread (holding the data plane) or one of {@code holders} holds: those are let go only
     * after it answers, so such a wait is for good. (A wait for anything else, such as a class
     * being loaded, passes.)
     */
    private static Map<String, Object> answersWithoutWaiting(Uplink uplink, Thread... holders)
            throws InterruptedException {
        Set<Long> holding = new HashSet<>();
        holding.add(Thread.currentThread().getId());
        Arrays.stream(holders).forEach(h -> holding.add(h.getId()));
        AtomicReference<Map<String, Object>> answer = new AtomicReference<>();
        Thread reader = start(() -> answer.set(uplink.document()));
        while (reader.isAlive()) {
            ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(reader.getId());
            if (info != null && holding.contains(info.getLockOwnerId())) {
                fail("/uplink waited for " + info.getLockName() + ", held by " + info.getLockOwnerName()
                        + ", which holds the data plane");
            }
            Thread.sleep(1);
        }
        return answer.get();
    }

    @Test
    void uplinkAnswersWhileAMeterReadWaitsForTheTunnelsCounters() throws Exception {
        SimDataPlane sim = new SimDataPlane();
        Uplink uplink = open(sim);
        Thread meterRead;
        synchronized (sim) { // every call into the data plane waits here until this block ends
            meterRead = start(() -> uplink.tunnelMeter().get());
            awaitBlocked(meterRead);
            assertEquals(List.of(), answersWithoutWaiting(uplink, meterRead).get("peers"));
        }
        meterRead.join();
    }

    @Test
    void uplinkAnswersWhileASyncWaitsForTheDataPlane() throws Exception {
        SimDataPlane sim = new SimDataPlane();
        Uplink uplink = open(sim);
        Thread sync;
        synchronized (sim) {
            sync = start(uplink::sync);
            awaitBlocked(sync);
            assertEquals("sswtest", answersWithoutWaiting(uplink, sync).get("interface"));
        }
        sync.join();
    }
}
