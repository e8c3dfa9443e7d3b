package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeLine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's {@code share-bandwidth} setting, changed over {@code coaps://} on a running
 * relay in a line of three node processes: off, the relay refuses its neighbours' requests
 * for other nodes (5.03) and carries nothing; on again, it relays as before.
 */
class ShareBandwidthIT {
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    @TempDir
    Path dir;

    @Test
    void aRelayWhoseOperatorTurnedSharingOffRefusesNeighboursAndCarriesAgainWhenItIsOn() throws Exception {
        Path body = Files.write(dir.resolve("body"), "x".repeat(200).getBytes());
        try (NodeLine line = NodeLine.start(dir, 3, "")) {
            line.relay(A, C, body);

            setShareBandwidth(line, B, false);
            CoapClientTool.Result refused = CoapClientTool.run(NodeLine.DTLS_CLIENT, 60, "-B", "30", "-u",
                    NodeLine.OPERATOR, "-k", NodeLine.OPERATOR_KEY, "-m", "post", "-f", body.toString(),
                    line.node(A).coapsUri("/mesh/relay/" + line.id(C) + "/mesh/echo"));
            String answer = refused.stderr() + refused.text();
            assertTrue(answer.contains("5.03") || answer.contains("does not relay"), answer);
            assertEquals(false, line.get(B, "/config").get("share-bandwidth"));

            setShareBandwidth(line, B, true);
            line.relay(A, C, body);
        }
    }

    private static void setShareBandwidth(NodeLine line, int node, boolean on) throws Exception {
        CoapClientTool.Result put = CoapClientTool.run(NodeLine.DTLS_CLIENT, 30, "-u", NodeLine.OPERATOR, "-k",
                NodeLine.OPERATOR_KEY, "-m", "put", "-t", "50", "-e", "{\"share-bandwidth\":" + on + "}",
                line.node(node).coapsUri("/config"));
        assertEquals(0, put.exitCode(), put.stderr());
        assertTrue(put.text().contains("\"share-bandwidth\":" + on), put.text());
    }
}
