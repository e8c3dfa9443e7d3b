package io.smartshare.node.mesh.ble;

import static io.smartshare.node.mesh.ble.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.driver.sim.SimBleMedium;
import io.smartshare.hal.driver.sim.SimBleRadio;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.ExecutorMeshScheduler;
import io.smartshare.node.mesh.MediaTransport;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.forwarding.ForwardingDecision;
import io.smartshare.node.mesh.link.LinkAddress;
import io.smartshare.node.mesh.link.Medium;
import io.smartshare.node.mesh.neighbor.LinkView;
import io.smartshare.node.mesh.neighbor.NeighborView;
import io.smartshare.node.mesh.wire.DataPacket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three mesh nodes that reach each other over an IP-like medium and over hal's simulated BLE
 * medium at once (n0 is the gateway): each knows each other as one neighbour with two links,
 * and when a node's IP link is lost its traffic goes over BLE.
 */
class DualMediumMeshTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SimBleMedium medium = new SimBleMedium(11, Clock.systemUTC());
    private final IpLikeHub hub = new IpLikeHub();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<MeshNode> nodes = new ArrayList<>();
    private final List<SimBleRadio> radios = new ArrayList<>();
    private final List<LinkAddress> ipAddresses = new ArrayList<>();
    private final List<DataPacket> gatewayInbox = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        open.add(hub);
        for (int i = 0; i < 3; i++) {
            LinkAddress ip = new LinkAddress("10.0.0." + (i + 1) + ":5683");
            SimBleRadio radio = medium.attach(10.0 * i, 0, 30, 0);
            BleMeshTransport ble = new BleMeshTransport(radio, radio.gattServer(), 8);
            ExecutorMeshScheduler scheduler = new ExecutorMeshScheduler();
            MeshNode node = MeshNode.builder(NodeIdentity.generate(RANDOM),
                            new MediaTransport(Map.of(Medium.IP, hub.transport(ip), Medium.BLE, ble)), scheduler)
                    .inbox(i == 0 ? gatewayInbox::add : p -> { })
                    .build();
            hub.join(ip, node);
            ble.start(node::onFrame);
            open.add(node::stop);
            open.add(ble);
            open.add(scheduler);
            nodes.add(node);
            radios.add(radio);
            ipAddresses.add(ip);
        }
        nodes.get(0).setUplink(true, 1000);
        nodes.forEach(MeshNode::start);
        for (MeshNode node : nodes) {
            await(() -> node.neighbors().size() == 2 && node.neighbors().stream().allMatch(n -> liveMedia(n) == 2),
                    node.id() + " never heard both others over both media: " + node.neighbors());
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void eachOtherNodeIsOneNeighbourWithAnIpAndABleLinkAndIpCarriesTraffic() throws Exception {
        NeighborView n1 = view(nodes.get(0), nodes.get(1));
        assertEquals(List.of(ipAddresses.get(1), new LinkAddress("ble:" + radios.get(1).address())),
                n1.links().stream().map(LinkView::address).toList());
        assertEquals(ipAddresses.get(1), n1.address());
        await(() -> nodes.get(0).helloCounters().sighted() > 0, "hellos heard over both media are never sightings: "
                + nodes.get(0).helloCounters());
    }

    @Test
    void lostIpLinkMovesTrafficToBleAndTheNeighbourStays() throws Exception {
        MeshNode gateway = nodes.get(0);
        MeshNode n1 = nodes.get(1);
        await(() -> n1.position().parent().equals(Optional.of(gateway.id())), "n1 never attached to the gateway");
        hub.cut(ipAddresses.get(1));
        await(() -> !view(gateway, n1).links().get(0).alive() && !view(n1, gateway).links().get(0).alive(),
                "the IP link between the gateway and n1 never died");
        assertTrue(view(gateway, n1).alive(), "n1 is still the gateway's neighbour, over BLE");
        assertEquals(new LinkAddress("ble:" + radios.get(1).address()), view(gateway, n1).address());
        assertEquals(Optional.of(gateway.id()), n1.position().parent());
        assertTrue(n1.send(gateway.id(), "over ble".getBytes(StandardCharsets.UTF_8)) instanceof ForwardingDecision.Forward);
        await(() -> gatewayInbox.stream().anyMatch(p -> p.source().equals(n1.id())), "the packet never reached the gateway");
    }

    @Test
    void neighbourLostOverBothMediaIsDead() throws Exception {
        MeshNode gateway = nodes.get(0);
        MeshNode n2 = nodes.get(2);
        hub.cut(ipAddresses.get(2));
        radios.get(2).moveTo(1_000, 0);
        await(() -> !view(gateway, n2).alive(), "n2 never declared dead");
        assertTrue(view(gateway, n2).links().stream().noneMatch(LinkView::alive));
    }

    private static int liveMedia(NeighborView n) {
        return (int) n.links().stream().filter(LinkView::alive).count();
    }

    private static NeighborView view(MeshNode at, MeshNode of) {
        return at.neighbors().stream().filter(n -> n.id().equals(of.id())).findFirst().orElseThrow();
    }
}
