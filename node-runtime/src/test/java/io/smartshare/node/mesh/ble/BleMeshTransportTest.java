package io.smartshare.node.mesh.ble;

import static io.smartshare.node.mesh.ble.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.driver.sim.SimBleMedium;
import io.smartshare.hal.driver.sim.SimBleRadio;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.ExecutorMeshScheduler;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three mesh nodes on hal's simulated BLE medium, in a line 25 m apart with a 30 m range:
 * n0 (gateway) - n1 - n2. Hellos travel fragmented in advertisements, registrations as GATT
 * writes.
 */
class BleMeshTransportTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SimBleMedium medium = new SimBleMedium(7, Clock.systemUTC());
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<MeshNode> nodes = new ArrayList<>();
    private final List<SimBleRadio> radios = new ArrayList<>();

    @BeforeEach
    void startLine() throws Exception {
        for (int i = 0; i < 3; i++) {
            SimBleRadio radio = medium.attach(25.0 * i, 0, 30, 0);
            BleMeshTransport transport = new BleMeshTransport(radio, radio.gattServer(), 8);
            ExecutorMeshScheduler scheduler = new ExecutorMeshScheduler();
            MeshNode node = MeshNode.builder(NodeIdentity.generate(RANDOM), transport, scheduler).build();
            transport.start(node::onFrame);
            open.add(node::stop);
            open.add(transport);
            open.add(scheduler);
            radios.add(radio);
            nodes.add(node);
        }
        nodes.get(0).setUplink(true, 1000);
        nodes.forEach(MeshNode::start);
        await(() -> nodes.get(2).position().parent().equals(Optional.of(nodes.get(1).id())), "n2 never chose n1");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void farNodeReachesTheGatewayThroughTheMiddleOne() {
        assertEquals(Optional.of(nodes.get(0).id()), nodes.get(1).position().parent());
        assertTrue(nodes.get(1).helloCounters().accepted() > 0);
        assertTrue(nodes.get(0).neighbors().stream().noneMatch(n -> n.id().equals(nodes.get(2).id())),
                "n0 and n2 are out of range of each other");
    }

    @Test
    void forgedHelloInAdvertisementsIsDroppedAndCounted() throws Exception {
        byte[] signature = new byte[64];
        RANDOM.nextBytes(signature);
        Hello forged = new Hello(true, 1, 9, 1_000_000, 0, Long.MAX_VALUE / 2,
                NodeIdentity.generate(RANDOM).publicKey(), new byte[32], signature);
        long before = nodes.get(2).helloCounters().badSignature();
        SimBleRadio intruder = medium.attach(50, 5, 30, 0);
        for (byte[] fragment : BleFragments.split(FrameCodec.encode(forged), 42)) {
            intruder.advertise(fragment);
        }
        intruder.close();
        await(() -> nodes.get(2).helloCounters().badSignature() > before, "forged hello not counted");
        assertEquals(Optional.of(nodes.get(1).id()), nodes.get(2).position().parent());
    }

    @Test
    void confirmableWriteReportsAcknowledgedOrTimedOut() throws Exception {
        try (BleMeshTransport sender = new BleMeshTransport(medium.attach(20, 0, 30, 0), java.util.Optional.empty(), 4)) {
            CompletableFuture<Delivery> reached = new CompletableFuture<>();
            sender.confirmable(new LinkAddress("ble:" + radios.get(1).address()), new byte[] {0x12, 1, 0, 0}, reached::complete);
            assertEquals(new Delivery.Acknowledged(1), reached.get(10, TimeUnit.SECONDS));
            CompletableFuture<Delivery> lost = new CompletableFuture<>();
            sender.confirmable(new LinkAddress("ble:02:00:00:FF:FF:FF"), new byte[] {0x12, 1, 0, 0}, lost::complete);
            assertEquals(new Delivery.TimedOut(3), lost.get(10, TimeUnit.SECONDS));
        }
    }
}
