package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.hello.HelloSigner;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Hello;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.SeededIdentities;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile datagrams sent to a real node process over UDP (a raw socket, no CoAP library):
 * forged, replayed and flooding hellos are dropped and counted in {@code /mesh/neighbors},
 * malformed frames get 4.00, and the node's route to its gateway does not move.
 *
 * <p>Two processes on loopback: a gateway G and a node A that reach each other as
 * configured peers; the test attacks A.
 */
class MeshHostileInputIT {
    private static final String CLIENT = "coap-client-notls";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    static NodeProcess gateway;
    static NodeProcess node;
    static String gatewayId;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        int g = freePort();
        int a = freePort();
        gateway = NodeProcess.start("sim", dir.resolve("g"), g, false, "--uplink", "10000", "--mesh-peers", "127.0.0.1:" + a);
        node = NodeProcess.start("sim", dir.resolve("a"), a, false, "--mesh-peers", "127.0.0.1:" + g);
        gatewayId = field(get(gateway, "/node"), "id").orElseThrow();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!field(get(node, "/mesh/routes"), "parent").equals(Optional.of(gatewayId))) {
            assertTrue(System.nanoTime() < deadline, "A never chose G as parent:\n" + node.log());
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void forgedHelloIsDroppedCountedAndRouteStays() throws Exception {
        byte[] gatewayKey = HexFormat.of().parseHex(field(get(gateway, "/node"), "public-key").orElseThrow());
        byte[] signature = new byte[Ed25519PublicKey.SIGNATURE_LENGTH];
        RANDOM.nextBytes(signature);
        // Claims to be G with a better rank, a new epoch and a huge sequence, signed by nobody.
        Hello forged = new Hello(true, 1, 7, 1_000_000, 0, Long.MAX_VALUE / 2, Ed25519PublicKey.of(gatewayKey), new byte[32], signature);
        long before = counter("bad-signature");
        try (DatagramSocket socket = new DatagramSocket()) {
            send(socket, node, nonPost(1, FrameCodec.encode(forged)));
        }
        awaitCounter("bad-signature", before + 1);
        assertRouteUnmoved();
    }

    @Test
    void replayedAndFloodingHellosAreDroppedAndCounted() throws Exception {
        HelloSigner intruder = SeededIdentities.signer(NodeIdentity.generate(RANDOM), System.currentTimeMillis() * 1000);
        long replayedBefore = counter("replayed");
        long limitedBefore = counter("rate-limited");
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] hello = FrameCodec.encode(intruder.sign(false, Rank.INFINITE, 0, 0, 0));
            send(socket, node, nonPost(10, hello));
            send(socket, node, nonPost(11, hello)); // the same hello again, in a new CoAP message
            for (int i = 0; i < 40; i++) { // far over the per-sender burst of 8
                send(socket, node, nonPost(100 + i, FrameCodec.encode(intruder.sign(false, Rank.INFINITE, 0, 0, 0))));
            }
        }
        awaitCounter("replayed", replayedBefore + 1);
        awaitCounter("rate-limited", limitedBefore + 1);
        assertRouteUnmoved();
    }

    @Test
    void malformedFrameGetsBadRequestAndChangesNothing() throws Exception {
        long before = counter("frames-rejected");
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(10_000);
            send(socket, node, conPost(7, "not a frame".getBytes(StandardCharsets.US_ASCII)));
            byte[] buffer = new byte[1500];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            assertEquals(0x80, buffer[1] & 0xff, "expected 4.00, found code byte " + (buffer[1] & 0xff));
            String diagnostic = new String(buffer, 0, answer.getLength(), StandardCharsets.UTF_8);
            assertTrue(diagnostic.contains("mesh frame: header"), diagnostic);
            byte[] noise = new byte[64];
            RANDOM.nextBytes(noise);
            send(socket, node, noise); // not even CoAP
        }
        assertEquals(before + 1, counter("frames-rejected"));
        assertRouteUnmoved();
        assertTrue(get(node, "/node").contains("\"id\""), "node stopped answering:\n" + node.log());
    }

    private static void assertRouteUnmoved() throws Exception {
        String routes = get(node, "/mesh/routes");
        assertEquals(Optional.of(gatewayId), field(routes, "parent"), routes);
        assertEquals(Optional.of("false"), field(routes, "gateway"), routes);
        String gatewayRank = field(get(gateway, "/mesh/routes"), "rank").orElseThrow();
        String neighbors = get(node, "/mesh/neighbors");
        Matcher row = Pattern.compile("\"id\":\"" + gatewayId + "\"[^}]*\"rank\":(\\d+)").matcher(neighbors);
        assertTrue(row.find(), neighbors);
        assertEquals(gatewayRank, row.group(1), "A believes a rank for G that G does not advertise: " + neighbors);
    }

    private static void awaitCounter(String name, long atLeast) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (counter(name) < atLeast) {
            assertTrue(System.nanoTime() < deadline, name + " stayed below " + atLeast + ": " + get(node, "/mesh/neighbors"));
            Thread.sleep(100);
        }
    }

    private static long counter(String name) throws Exception {
        return Long.parseLong(field(get(node, "/mesh/neighbors"), name).orElseThrow());
    }

    private static String get(NodeProcess target, String path) throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 10, "-B", "5", target.coapUri(path));
        assertEquals(0, result.exitCode(), result.stderr());
        return result.text();
    }

    private static Optional<String> field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"?([^\",}]*)").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static void send(DatagramSocket socket, NodeProcess target, byte[] datagram) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), target.coapPort())));
    }

    /** A CoAP NON POST to /mh, no token, built byte by byte (RFC 7252 section 3). */
    private static byte[] nonPost(int messageId, byte[] payload) {
        return post(0x50, messageId, payload);
    }

    /** The same as a CON, which gets an answer. */
    private static byte[] conPost(int messageId, byte[] payload) {
        return post(0x40, messageId, payload);
    }

    private static byte[] post(int versionTypeTokenLength, int messageId, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(versionTypeTokenLength);
        out.write(0x02); // POST
        out.write(messageId >> 8);
        out.write(messageId);
        out.write(0xB2); // Uri-Path (11), 2 bytes
        out.writeBytes("mh".getBytes(StandardCharsets.US_ASCII));
        out.write(0xFF);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
