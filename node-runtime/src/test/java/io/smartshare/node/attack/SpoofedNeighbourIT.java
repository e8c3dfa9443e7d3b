package io.smartshare.node.attack;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.mesh.wire.Probe;
import io.smartshare.node.testing.Datagrams;
import io.smartshare.node.testing.NodeLine;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes on loopback, A and its parent, the gateway G. G is killed with SIGKILL and an
 * attacker sends from G's address (it binds G's freed UDP port, standing for a device that
 * spoofs G's source address): heartbeats with made-up tags and bare probe answers, which
 * before link authentication kept a dead neighbour alive for ever. A spoofer does not receive
 * at the address, so it acknowledges nothing. A must declare G dead as if nothing came from
 * its address, and count what it refused.
 */
class SpoofedNeighbourIT {
    private static final int A = 0;
    private static final int G = 1;

    @TempDir
    Path dir;

    @Test
    void aDeadNeighboursAddressInAnAttackersHandsDoesNotKeepItAlive() throws Exception {
        try (NodeLine line = NodeLine.start(dir, 2, "")) {
            line.awaitAttached();
            int gatewayPort = line.node(G).coapPort();
            String gateway = line.id(G);
            line.node(G).process().destroyForcibly().waitFor();
            long killedAt = System.nanoTime();
            try (DatagramSocket attacker = bind(gatewayPort)) {
                attacker.setSoTimeout(20);
                Datagrams to = new Datagrams(line.node(A).coapPort());
                InetSocketAddress victim = new InetSocketAddress("127.0.0.1", line.node(A).coapPort());
                Random random = new Random(9);
                boolean dead = false;
                while (!dead && System.nanoTime() - killedAt < 15_000_000_000L) {
                    send(attacker, victim, to.non(2, "mh", FrameCodec.encode(new Heartbeat(random.nextInt(1 << 16)))));
                    send(attacker, victim, to.non(2, "mh", FrameCodec.encode(new Probe(false))));
                    drain(attacker);
                    dead = !aliveAt(line, gateway);
                }
                assertTrue(dead, "the gateway is still alive at A after 15 s of spoofing");
                Map<String, Object> auth = object(line.get(A, "/mesh/neighbors"), "link-auth");
                assertTrue(number(auth, "heartbeats-refused") > 0 && number(auth, "unsealed-refused") > 0, auth.toString());
            }
        }
    }

    private static boolean aliveAt(NodeLine line, String id) throws Exception {
        return list(line.get(A, "/mesh/neighbors"), "neighbors").stream().map(n -> (Map<?, ?>) n)
                .anyMatch(n -> id.equals(n.get("id")) && Boolean.TRUE.equals(n.get("alive")));
    }

    private static DatagramSocket bind(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
            } catch (BindException e) {
                if (attempt == 100) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] datagram) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    /** Reads and drops what A sends to G's address: a spoofer never sees it. */
    private static void drain(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[1500];
        while (true) {
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
            } catch (SocketTimeoutException e) {
                return;
            }
        }
    }
}
