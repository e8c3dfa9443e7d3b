package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.Delivery;
import io.smartshare.node.mesh.ExecutorMeshScheduler;
import io.smartshare.node.mesh.LinkAddress;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.RoutePosition;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real UDP sockets and IPv4 multicast through Californium, two transports in one process. */
class CoapMeshTransportIT {
    private final List<AutoCloseable> open = new ArrayList<>();
    private NetworkInterface meshInterface;
    private int groupPort;
    private Configuration config;

    @BeforeEach
    void setUp() throws IOException {
        Optional<NetworkInterface> iface = multicastInterface();
        assumeTrue(iface.isPresent(), "no up, multicast-capable IPv4 interface here");
        meshInterface = iface.get();
        try (DatagramSocket probe = new DatagramSocket(0)) {
            groupPort = probe.getLocalPort();
        }
        CoapConfig.register();
        UdpConfig.register();
        config = Configuration.createStandardWithoutFile();
    }

    @AfterEach
    void tearDown() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void framesArriveByMulticastUnicastAndConfirmableWithTheSendersAddress() throws Exception {
        BlockingQueue<Received> atB = new ArrayBlockingQueue<>(16);
        CoapMeshTransport a = transport((from, frame) -> { });
        CoapMeshTransport b = transport((from, frame) -> atB.add(new Received(from, frame)));

        a.multicast(new byte[] {0x12, 1, 2, 3});
        Received multicast = atB.poll(10, TimeUnit.SECONDS);
        assertNotNull(multicast, "multicast frame never arrived");
        assertArrayEquals(new byte[] {0x12, 1, 2, 3}, multicast.frame);
        assertEquals(a.localAddress().getPort(), LinkAddresses.toSocket(multicast.from).getPort());

        a.unicast(linkTo(b), new byte[] {0x14, 9});
        Received unicast = atB.poll(10, TimeUnit.SECONDS);
        assertNotNull(unicast, "unicast frame never arrived");
        assertArrayEquals(new byte[] {0x14, 9}, unicast.frame);

        BlockingQueue<Delivery> outcome = new ArrayBlockingQueue<>(1);
        a.confirmable(linkTo(b), new byte[] {0x13, 0}, outcome::add);
        assertEquals(new Delivery.Acknowledged(1), outcome.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void confirmableToAMissingPeerTimesOutAfterRetransmitting() throws Exception {
        Configuration fast = Configuration.createStandardWithoutFile()
                .set(CoapConfig.ACK_TIMEOUT, 100, TimeUnit.MILLISECONDS)
                .set(CoapConfig.MAX_RETRANSMIT, 2);
        CoapMeshTransport a = track(new CoapMeshTransport(fast, new InetSocketAddress(0), groupPort, meshInterface,
                List.of(CoAP.MULTICAST_IPV4)));
        a.start((from, frame) -> { });
        int closedPort;
        try (DatagramSocket gone = new DatagramSocket(0)) {
            closedPort = gone.getLocalPort();
        }
        BlockingQueue<Delivery> outcome = new ArrayBlockingQueue<>(1);
        a.confirmable(new LinkAddress("127.0.0.1:" + closedPort), new byte[] {0x13, 0}, outcome::add);
        Delivery d = outcome.poll(20, TimeUnit.SECONDS);
        assertInstanceOf(Delivery.TimedOut.class, d);
    }

    @Test
    void aNodeJoinsTheGatewaysTreeOverRealSockets() throws Exception {
        MeshNode[] nodes = new MeshNode[2];
        for (int i = 0; i < 2; i++) {
            int index = i;
            ExecutorMeshScheduler scheduler = track(new ExecutorMeshScheduler());
            CoapMeshTransport t = transport((from, frame) -> nodes[index].onFrame(from, frame));
            nodes[i] = MeshNode.builder(NodeIdentity.generate(new SecureRandom()), t, scheduler).build();
        }
        nodes[0].start();
        nodes[0].setUplink(true, 10_000);
        nodes[1].start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        RoutePosition p = nodes[1].position();
        while (p.parent().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            p = nodes[1].position();
        }
        assertEquals(Optional.of(nodes[0].id()), p.parent());
        assertTrue(nodes[1].neighbors().stream().anyMatch(n -> n.id().equals(nodes[0].id()) && n.gateway()));
        for (MeshNode n : nodes) {
            n.stop();
        }
    }

    private CoapMeshTransport transport(java.util.function.BiConsumer<LinkAddress, byte[]> receiver) {
        CoapMeshTransport t = track(new CoapMeshTransport(config, new InetSocketAddress(0), groupPort, meshInterface,
                List.of(CoAP.MULTICAST_IPV4)));
        t.start(receiver);
        return t;
    }

    private LinkAddress linkTo(CoapMeshTransport t) throws SocketException {
        InetAddress own = meshInterface.inetAddresses().filter(a -> a.getAddress().length == 4).findFirst().orElseThrow();
        return LinkAddresses.of(new InetSocketAddress(own, t.localAddress().getPort()));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static Optional<NetworkInterface> multicastInterface() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && i.supportsMulticast() && !i.isLoopback()
                        && i.inetAddresses().anyMatch(a -> a.getAddress().length == 4);
            } catch (SocketException e) {
                return false;
            }
        }).findFirst();
    }

    private record Received(LinkAddress from, byte[] frame) {
    }
}
