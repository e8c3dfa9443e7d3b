package io.smartshare.node.storage;

import static io.smartshare.node.storage.StorageCli.owned;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.node.testing.NodeLine;
import io.smartshare.node.testing.NodeProcess;
import io.smartshare.node.testing.TamperedLink;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit answers tampered with on the mesh link between two real node processes, owner A and
 * holder B (the gateway), as a relay on the path could: the holder's answer with its
 * signature forged, and an earlier answer of the same holder replayed in its place, are
 * refused (counted in {@code /storage}'s {@code answers-refused}, logged with the reason); an
 * answer held back past the 20 s deadline passes nothing (that it is refused as late when it
 * comes before A challenges again is AuditorTest's). None counts as the holder's failure, so
 * pay does not stop for good, only the period goes unpaid (a missed audit, evidence in A's
 * ledger); once the link is honest again, the audits pass.
 */
class StorageAnswersIT {
    private static final int A = 0;
    private static final int B = 1;
    private static final long LATE_MILLIS = Auditor.DEADLINE_MILLIS + 5_000;

    enum Mode {
        HONEST, FORGED, REPLAYED, LATE
    }

    @TempDir
    static Path dir;
    static NodeLine line;
    static TamperedLink link;
    static volatile Mode mode = Mode.HONEST;
    /** A whole earlier answer of B's. */
    static volatile byte[] earlierAnswer;
    static final Set<Token> challenges = ConcurrentHashMap.newKeySet();
    /** The answer whose blocks are arriving, while no earlier answer is kept yet. */
    static final ByteArrayOutputStream answer = new ByteArrayOutputStream();
    static volatile boolean lateAnswerHeld;

    @BeforeAll
    static void start() throws Exception {
        link = new TamperedLink(StorageAnswersIT::fromOwner, StorageAnswersIT::fromHolder);
        line = NodeLine.start(dir, 2, "storage:\n  audit-seconds: 1\n  quota-mb: 8\n", (node, neighbour, ports) -> {
            link.connect(ports[A], ports[B]);
            return node == A ? link.portFacingA() : link.portFacingB();
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (line != null) {
            line.close();
        }
        if (link != null) {
            link.close();
        }
    }

    /**
     * Notes A's challenges ({@code POST …/storage/<id>/audit}, and the requests for the
     * answer's further blocks); while {@link Mode#REPLAYED}, answers them itself, block by
     * block, with an earlier answer of B's.
     */
    private static TamperedLink.Forward fromOwner(byte[] datagram) {
        if (!(parse(datagram) instanceof Request request) || !request.getOptions().getUriPath().contains("audit")) {
            return TamperedLink.Forward.unchanged(datagram);
        }
        challenges.add(request.getToken());
        byte[] earlier = earlierAnswer;
        if (mode == Mode.REPLAYED && earlier != null) {
            return TamperedLink.Forward.answer(block(request, earlier));
        }
        return TamperedLink.Forward.unchanged(datagram);
    }

    /**
     * Keeps B's answers (block-wise: an answer carries a 4 KiB leaf) whole, the first as the
     * one to replay; while {@link Mode#FORGED}, flips the last byte of an answer's last block (the
     * last of its signature); while {@link Mode#LATE}, holds an answer's last block past the
     * deadline, and loses the answers to later challenges meanwhile.
     */
    private static TamperedLink.Forward fromHolder(byte[] datagram) {
        if (!(parse(datagram) instanceof Response response) || response.getCode() != ResponseCode.CONTENT
                || !challenges.contains(response.getToken())) {
            return TamperedLink.Forward.unchanged(datagram);
        }
        BlockOption block = response.getOptions().hasBlock2() ? response.getOptions().getBlock2()
                : new BlockOption(BlockOption.size2Szx(1024), false, 0);
        if (mode == Mode.HONEST && earlierAnswer == null) { // one audit at a time: its blocks come in order
            if (block.getNum() == 0) {
                answer.reset();
            }
            if (answer.size() == block.getOffset()) {
                answer.writeBytes(response.getPayload());
            }
            if (!block.isM()) {
                earlierAnswer = answer.toByteArray();
            }
        }
        if (mode == Mode.FORGED && !block.isM()) {
            byte[] forged = datagram.clone();
            forged[forged.length - 1] ^= 1;
            return TamperedLink.Forward.unchanged(forged);
        }
        if (mode == Mode.LATE && !block.isM()) {
            lateAnswerHeld = true;
            return TamperedLink.Forward.later(datagram, LATE_MILLIS);
        }
        if (mode == Mode.LATE && lateAnswerHeld && block.getNum() == 0) {
            // A challenges again at the deadline; an answer to that one would replace, in A's
            // block-wise layer (keyed by the URI), the transfer the held block belongs to
            return TamperedLink.Forward.dropped();
        }
        return TamperedLink.Forward.unchanged(datagram);
    }

    /** The block of {@code body} that {@code request} asks for, as B would answer it. */
    private static byte[] block(Request request, byte[] body) {
        int size = 512;
        int num = request.getOptions().hasBlock2() ? request.getOptions().getBlock2().getNum() : 0;
        int from = Math.min(body.length, num * size);
        int to = Math.min(body.length, from + size);
        Response response = new Response(ResponseCode.CONTENT);
        response.setType(CoAP.Type.ACK);
        response.setMID(request.getMID());
        response.setToken(request.getToken());
        response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_CBOR)
                .setBlock2(BlockOption.size2Szx(size), to < body.length, num).setSize2(body.length);
        response.setPayload(Arrays.copyOfRange(body, from, to));
        return new UdpDataSerializer().getByteArray(response);
    }

    private static Message parse(byte[] datagram) {
        try {
            return new UdpDataParser().parseMessage(datagram);
        } catch (RuntimeException e) {
            return null; // not CoAP: passed on as it is
        }
    }

    @Test
    void forgedReplayedAndLateAnswersAreRefusedAndNeverCountAsTheHoldersFailure() throws Exception {
        Path file = StorageCli.plainFile(dir, "small", 100_000, 3);
        String id = StorageCli.put(line, A, file, B);
        line.await(A, "/storage", doc -> audits(doc, id, "passed") >= 2 && earlierAnswer != null);

        for (Mode tampered : new Mode[] {Mode.FORGED, Mode.REPLAYED}) {
            Map<String, Object> before = line.get(A, "/storage");
            mode = tampered;
            Map<String, Object> after = line.await(A, "/storage", doc -> audits(doc, id, "missed")
                    > audits(before, id, "missed") && number(doc, "answers-refused") > number(before, "answers-refused"));
            mode = Mode.HONEST;
            assertUnharmed(after, id, tampered);
            assertEquals(audits(before, id, "passed"), audits(after, id, "passed"), tampered + ": " + after);
        }
        String log = line.node(A).log();
        assertTrue(log.contains("event=storage-answer-refused id=" + id + " reason=\"BAD_SIGNATURE"), log);
        assertTrue(log.contains("event=storage-answer-refused id=" + id + " reason=\"NOT_THE_CHALLENGE"), log);

        // Late: the answer's last block arrives 25 s after the challenge. A then either refuses it
        // (answer after the deadline) or, if it has challenged again meanwhile, its block-wise
        // layer has already dropped the old transfer for the same URI; either way it passes nothing.
        Map<String, Object> beforeLate = line.get(A, "/storage");
        mode = Mode.LATE;
        line.await(A, "/storage", doc -> audits(doc, id, "missed") > audits(beforeLate, id, "missed"));
        Thread.sleep(LATE_MILLIS - Auditor.DEADLINE_MILLIS + 2_000); // the held block has arrived
        Map<String, Object> late = line.get(A, "/storage");
        mode = Mode.HONEST;
        assertUnharmed(late, id, Mode.LATE);
        assertEquals(audits(beforeLate, id, "passed"), audits(late, id, "passed"), "late: " + late);

        Map<String, Object> honest = line.get(A, "/storage");
        line.await(A, "/storage", doc -> audits(doc, id, "passed") > audits(honest, id, "passed"));
        NodeProcess.Result ledger = NodeProcess.runToEnd(List.of("ledger", "show", "--data-dir",
                line.dataDir(A).toString(), "--last", "100000"));
        assertTrue(ledger.stdout().contains("storage audit missed " + id), ledger.stdout());
        assertFalse(ledger.stdout().contains("storage audit failed"), ledger.stdout());
    }

    private static void assertUnharmed(Map<String, Object> doc, String id, Mode tampered) {
        assertEquals(0, audits(doc, id, "failed"), tampered + ": " + doc);
        assertEquals("stored", owned(doc, id).get("state"), tampered + ": " + doc);
    }

    private static long audits(Map<String, Object> doc, String id, String verdict) {
        return number(object(owned(doc, id), "audits"), verdict);
    }
}
