package io.smartshare.node.attack;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.routing.Rank;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.SeededIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes on loopback, a line A - B - C (C the gateway). A stranger with no
 * credentials asks A to relay to C, which would make A pay B for relaying it; a client with A's
 * write credentials pushes a forged mesh frame through A's relay into B. Both are refused and
 * change nothing: A bills B only for the authorised client's bytes, B's routes do not move.
 */
class StrangerRelayIT {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;
    private static final int BODY_BYTES = 3_000;

    @TempDir
    Path dir;

    @Test
    void strangersAreNotRelayedOrBilledAndMeshFramesDoNotTravelThroughTheRelay() throws Exception {
        Path body = Files.write(dir.resolve("body"), new byte[BODY_BYTES]);
        try (NodeLine line = NodeLine.start(dir, 3, "")) {
            CoapClientTool.Result stranger = CoapClientTool.run(NodeLine.CLIENT, 30, "-B", "10", "-m", "post", "-f",
                    body.toString(), line.node(A).coapUri("/mesh/relay/" + line.id(C) + "/mesh/echo"));
            assertTrue(stranger.stderr().contains("4.01"), "plain coap from a non-neighbour: " + stranger.stderr());

            Map<String, Object> routesBefore = line.get(B, "/mesh/routes");
            Path hello = Files.write(dir.resolve("hello"), FrameCodec.encode(
                    SeededIdentities.signer(NodeIdentity.generate(new SecureRandom()), 1).sign(true, Rank.ROOT, 99, 1_000_000, 0)));
            CoapClientTool.Result frame = CoapClientTool.run(NodeLine.DTLS_CLIENT, 30, "-B", "10", "-u",
                    NodeLine.OPERATOR, "-k", NodeLine.OPERATOR_KEY, "-m", "post", "-f", hello.toString(),
                    line.node(A).coapsUri("/mesh/relay/" + line.id(B) + "/mh"));
            assertTrue(frame.stderr().contains("4.03") && frame.stderr().contains("mesh frames are not relayed"),
                    frame.stderr());

            Map<String, Object> transport = object(line.get(A, "/mesh/neighbors"), "transport");
            assertEquals(2, number(transport, "requests-relay-refused"), transport.toString());
            assertEquals(0, number(transport, "requests-relayed"), transport.toString());

            line.relay(A, C, body); // the operator's request: A pays B for relaying exactly this one
            Map<String, Object> rewards = line.await(B, "/rewards", doc -> list(doc, "accepted").size() == 2);
            for (Object receipt : list(rewards, "accepted")) {
                assertEquals(BODY_BYTES, number((Map<String, Object>) receipt, "amount"),
                        "billed for the authorised body only, not the stranger's: " + rewards);
            }
            Map<String, Object> routesAfter = line.get(B, "/mesh/routes");
            assertEquals(routesBefore.get("parent"), routesAfter.get("parent"));
            assertEquals(routesBefore.get("epoch"), routesAfter.get("epoch"));
        }
    }
}
