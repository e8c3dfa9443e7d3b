package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.coap.HopLimitOption;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.sim.LoopbackMesh;
import io.smartshare.node.mesh.sim.Topology;
import io.smartshare.node.testing.CoapClientTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hop-by-hop CoAP forwarding over real UDP on loopback, with libcoap's coap-client as the
 * application: a line n0 (gateway) - n1 - n2 - n3, requests entering at n3 for n0.
 */
class MeshRelayIT {
    private static final String CLIENT = "coap-client-notls";

    @TempDir
    static Path dir;
    static LoopbackMesh mesh;
    static List<NodeId> ids = new ArrayList<>();

    @BeforeAll
    static void startLine() throws Exception {
        List<NodeIdentity> identities = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 4; i++) {
            identities.add(NodeIdentity.generate(random));
            ids.add(identities.get(i).nodeId());
        }
        mesh = LoopbackMesh.start(Topology.line(4), identities, change -> { });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!mesh.nodes().stream().allMatch(m -> m.node().position().gateway()
                || m.node().position().rank() != Rank.INFINITE)) {
            assertTrue(System.nanoTime() < deadline, "line did not attach");
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void largeBodyCrossesThreeHopsBlockwiseAndEveryRelayMetersIt() throws Exception {
        byte[] body = new byte[3000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        Path file = Files.write(dir.resolve("body"), body);
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 60, "-B", "30", "-m", "post", "-f", file.toString(),
                relayUri(3, ids.get(0), "mesh/echo"));
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(new String(body, StandardCharsets.US_ASCII) + "\n", result.text()); // coap-client ends with a newline

        MeshNode n1 = mesh.nodes().get(1).node();
        MeshNode n2 = mesh.nodes().get(2).node();
        assertTrue(n2.relayBytes().of(ids.get(3)).bytesFromUpstream() >= body.length, n2.relayBytes().toString());
        assertTrue(n2.relayBytes().of(ids.get(1)).bytesToDownstream() >= body.length, n2.relayBytes().toString());
        assertTrue(n1.relayBytes().of(ids.get(2)).bytesFromUpstream() >= body.length, n1.relayBytes().toString());
        assertTrue(n1.relayBytes().of(ids.get(0)).bytesToDownstream() >= body.length, n1.relayBytes().toString());
        assertEquals(0, mesh.nodes().get(3).node().relayBytes().totalBytesRelayed(), "n3 originated, it did not relay");
    }

    @Test
    void hopLimitStopsARequestBeforeItsTarget() throws Exception {
        // n3 sends it on with 1, n2 cannot forward a request that arrives with Hop-Limit 1
        CoapClientTool.Result stopped = CoapClientTool.run(CLIENT, 30, "-B", "10", "-O", "16,0x02",
                relayUri(3, ids.get(0), "node"));
        // coap-client prints error responses on stderr
        assertTrue(stopped.stderr().contains("5.02 hop limit reached at " + ids.get(2)), stopped.stderr() + ids);

        CoapClientTool.Result passed = CoapClientTool.run(CLIENT, 30, "-B", "10", "-O", "16,0x04",
                relayUri(3, ids.get(0), "mesh/routes"));
        assertTrue(passed.text().contains("\"node\":\"" + ids.get(0) + "\""), passed.text() + passed.stderr());
    }

    @Test
    void aClientsHopLimitIsCappedAtTheMeshMaximum() throws Exception {
        mesh.root(0).add(new CoapResource("hops") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(String.valueOf(HopLimitOption.of(exchange.getRequestOptions()).orElse(0)));
            }
        });
        // asked for 255; entering at n3 it leaves with at most 16 - 1, and n2 and n1 take one each
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", "-O", "16,0xff",
                relayUri(3, ids.get(0), "hops"));
        assertEquals(String.valueOf(HopLimitOption.MESH_MAX - 3) + "\n", result.text(), result.stderr());
    }

    @Test
    void meshFramesAreNotRelayed() throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", "-m", "post", "-e", "x",
                relayUri(3, ids.get(1), "mh"));
        assertTrue(result.stderr().contains("4.03 mesh frames are not relayed"), result.stderr());
    }

    @Test
    void unknownTargetIsBadGatewayFromTheGateway() throws Exception {
        NodeId stranger = NodeIdentity.generate(new SecureRandom()).nodeId();
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", relayUri(3, stranger, "node"));
        assertTrue(result.stderr().contains("5.02 no route to " + stranger + " at " + ids.get(0)), result.stderr() + ids);
    }

    private static String relayUri(int entry, NodeId target, String path) {
        return "coap://127.0.0.1:" + mesh.coapPort(entry) + "/mesh/relay/" + target.value() + "/" + path;
    }
}
