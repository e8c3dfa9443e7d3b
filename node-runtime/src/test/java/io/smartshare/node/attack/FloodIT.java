package io.smartshare.node.attack;

import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.mesh.wire.FrameCodec;
import io.smartshare.node.mesh.wire.Heartbeat;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.Datagrams;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.SeededIdentities;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Floods from rotating source ports against a real node process on loopback, run with the
 * device's JVM options (-Xmx32m): what the node did on main before the hostile-networks work
 * (out of heap, then deaf; message IDs exhausted; a stack trace per datagram), checked the way
 * a user would: is it alive, does a new client get an answer, did the bounds hold, what did the
 * log get. How big it got is a budget figure, measured by scripts/bench-hostile.
 */
class FloodIT {
    private static final String CLIENT = "coap-client-notls";

    @TempDir
    Path dir;

    @Test
    void tenThousandSourcePortsOfRequestsHellosHeartbeatsAndGarbageLeaveANodeThatAnswersANewClient() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir.resolve("data"), false)) {
            Datagrams to = new Datagrams(node.coapPort());
            Random random = new Random(10);
            List<byte[]> kinds = new ArrayList<>();
            kinds.add(to.non(1, "node", new byte[0]));
            kinds.add(to.non(2, "mh", FrameCodec.encode(new Heartbeat(7))));
            byte[] garbage = new byte[40];
            random.nextBytes(garbage);
            kinds.add(garbage);
            for (int i = 0; i < 50; i++) { // hellos signed by fresh keys: each new port would buy a signature check
                byte[] seed = new byte[32];
                random.nextBytes(seed);
                kinds.add(to.non(2, "mh", FrameCodec.encode(SeededIdentities.signer(NodeIdentity.fromSeed(seed), 1)
                        .sign(true, 256, 1, 1000, 0))));
            }
            int logLinesBefore = node.log().split("\n").length;

            // Its peak resident memory is a budget figure: scripts/bench-hostile measures it.
            long sent = to.fromFreshPorts(10_000, 10, kinds);
            Thread.sleep(500);

            assertTrue(node.process().isAlive(), "the node survived " + sent + " datagrams\n" + node.log());
            CoapClientTool.Result confirmable = CoapClientTool.run(CLIENT, 10, "-B", "1", node.coapUri("/node"));
            assertEquals(0, confirmable.exitCode(), confirmable.stderr());
            assertTrue(confirmable.text().contains("\"id\""), "a new client is answered within a second: "
                    + confirmable.text() + confirmable.stderr());
            CoapClientTool.Result nonConfirmable = CoapClientTool.run(CLIENT, 10, "-N", "-B", "1", node.coapUri("/node"));
            assertTrue(nonConfirmable.text().contains("\"id\""), "a new NON client too (message IDs not exhausted): "
                    + nonConfirmable.text() + nonConfirmable.stderr());

            Map<String, Object> bounds = coapEndpoint(node);
            // on a loaded machine the inbound queue's bound drops much of the flood before it reaches
            // the message-ID table: either bound shows the flood was not too gentle to test them
            assertTrue(number(bounds, "dedup-evicted") > 0
                    && (number(bounds, "mid-evicted") > 0 || number(bounds, "inbound-dropped") > 0),
                    "the flood reached the bounds: " + bounds);

            List<String> newLines = List.of(node.log().split("\n")).subList(logLinesBefore, node.log().split("\n").length);
            assertTrue(newLines.size() < 20, "a few log lines, not one per datagram: " + newLines.size() + "\n"
                    + String.join("\n", newLines));
            assertFalse(newLines.stream().anyMatch(l -> l.contains("Exception") || l.contains("OutOfMemory")),
                    String.join("\n", newLines));
        }
    }

    @Test
    void size1BeyondTheIntRangeIsRefusedWith413AndNoStackTrace() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir.resolve("data"), false)) {
            Datagrams to = new Datagrams(node.coapPort());
            int logBytesBefore = node.log().length();
            byte[] answer = to.exchange(to.hugeSize1());
            assertTrue(answer.length >= 4, "answered");
            assertEquals("4.13", (answer[1] >> 5 & 7) + "." + String.format("%02d", answer[1] & 31),
                    new String(answer, StandardCharsets.ISO_8859_1));
            to.fromFreshPorts(1_000, 1, List.of(to.hugeSize1()));
            Thread.sleep(500);
            String newLog = node.log().substring(logBytesBefore);
            assertFalse(newLog.contains("Exception") || newLog.contains("\tat "), newLog);
            assertTrue(newLog.length() < 1_000, "no log line per datagram: " + newLog.length() + " bytes\n" + newLog);
            long corrected = number(coapEndpoint(node), "size1-out-of-range");
            assertTrue(corrected >= 1 && corrected <= 1_001, "counted, as far as the burst was not dropped first: "
                    + corrected);
        }
    }

    @Test
    void oneClientGetsAtMostEightObserveRelationsAndTheRestPlainAnswers() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir.resolve("data"), false)) {
            Datagrams to = new Datagrams(node.coapPort());
            int observed = 0;
            for (int token = 1; token <= 12; token++) {
                byte[] answer = to.exchange(to.observe("metrics", token));
                assertTrue(answer.length > 5 && answer[1] == 0x45, "2.05 for registration " + token);
                if (hasObserveOption(answer)) {
                    observed++;
                }
            }
            assertEquals(8, observed, "relations for one client address, whatever its ports");
            Map<String, Object> observe = object(node.get("/metrics"), "observe");
            assertEquals(4, number(observe, "refused"), observe.toString());
        }
    }

    @Test
    void oneAddressGetsAtMostFourUnfinishedUploadsAndAnotherAddressStillUploads() throws Exception {
        try (NodeProcess node = NodeProcess.start(dir.resolve("data"), false)) {
            Datagrams to = new Datagrams(node.coapPort());
            InetAddress attacker = InetAddress.getByName("127.0.0.1");
            List<Integer> codes = new ArrayList<>();
            for (int upload = 0; upload < 20; upload++) { // each from a fresh port: a new upload, never finished
                byte[] answer = to.exchange(to.uploadStart("config"), attacker);
                codes.add(answer.length > 1 ? answer[1] & 0xff : -1);
            }
            int continued = (2 << 5) | 31; // 2.31 Continue
            int unavailable = (5 << 5) | 3; // 5.03
            assertEquals(4, codes.stream().filter(c -> c == continued).count(), codes.toString());
            assertEquals(16, codes.stream().filter(c -> c == unavailable).count(), codes.toString());

            byte[] other = to.exchange(to.uploadStart("config"), InetAddress.getByName("127.0.0.2"));
            assertEquals(continued, other[1] & 0xff, "another client address still uploads");
            Map<String, Object> bounds = coapEndpoint(node);
            assertEquals(16, number(bounds, "uploads-refused"), bounds.toString());
        }
    }

    /** Whether a response (token length 1) carries an Observe option: its first option, delta 6. */
    private static boolean hasObserveOption(byte[] answer) {
        int first = answer[4 + (answer[0] & 0x0f)] & 0xff;
        return first != 0xff && (first >> 4) == 6;
    }

    /** The {@code coap://} endpoint's section of {@code /metrics}: requests and bounds. */
    private static Map<String, Object> coapEndpoint(NodeProcess node) throws Exception {
        return object(node.get("/metrics"), "coap");
    }
}
