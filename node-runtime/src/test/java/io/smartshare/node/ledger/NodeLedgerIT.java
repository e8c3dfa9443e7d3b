package io.smartshare.node.ledger;

import static io.smartshare.node.testing.JsonDocument.list;
import static io.smartshare.node.testing.JsonDocument.number;
import static io.smartshare.node.testing.JsonDocument.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Record;
import io.smartshare.node.testing.CoapClientTool;
import io.smartshare.node.testing.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node meters into its ledger and serves it; read with libcoap's client. */
class NodeLedgerIT {
    private static final String CLIENT = "coap-client-notls";

    @TempDir
    static Path dir;
    static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        node = NodeProcess.startWithConfig(dir, "settings:\n  metering-interval-seconds: 1\n", false);
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    private static Map<String, Object> get(String pathAndQuery) throws Exception {
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", node.coapUri(pathAndQuery));
        return object(result.text());
    }

    private static Map<String, Object> headWithRecords() throws Exception {
        return headWithAtLeast(4);
    }

    private static Map<String, Object> headWithAtLeast(long records) throws Exception {
        for (int attempt = 0; attempt < 120; attempt++) {
            Map<String, Object> head = get("/ledger/head");
            if (number(head, "size") >= records) {
                return head;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("fewer than " + records + " records appended within 60 s; log:\n" + node.log());
    }

    @Test
    void largeRangesArriveBlockWise() throws Exception {
        headWithAtLeast(30);
        Path payload = dir.resolve("entries.json");
        CoapClientTool.Result result = CoapClientTool.run(CLIENT, 30, "-B", "10", "-v", "7", "-o", payload.toString(),
                node.coapUri("/ledger/entries?from=0&to=30"));
        String json = Files.readString(payload);
        List<String> records = list(object(json), "records");
        assertEquals(30, records.size());
        assertTrue(json.length() > 1024, "larger than one CoAP block: " + json.length());
        assertTrue((result.text() + result.stderr()).contains("Block2"), "the answer came in blocks (RFC 7959)");
        for (int i = 0; i < records.size(); i++) {
            assertEquals(i, Record.decode(Base64.getUrlDecoder().decode(records.get(i))).seq());
        }
    }

    @Test
    void meteredIntervalsAreServedAsDecodableRecords() throws Exception {
        headWithRecords();
        Map<String, Object> entries = get("/ledger/entries?from=0&to=4");
        List<String> records = list(entries, "records");
        assertEquals(4, records.size());
        for (int i = 0; i < records.size(); i++) {
            Record record = Record.decode(Base64.getUrlDecoder().decode(records.get(i)));
            assertEquals(i, record.seq());
            assertTrue(record.body() instanceof MeteringSample, record.toString());
        }
    }

    @Test
    void inclusionProofFromTheNodeVerifiesAgainstItsRoot() throws Exception {
        Map<String, Object> head = headWithRecords();
        long size = number(head, "size");
        Hash root = Hash.of(Base64.getUrlDecoder().decode((String) head.get("root")));
        long index = size / 2;
        Map<String, Object> proof = get("/ledger/proof?index=" + index + "&size=" + size);
        List<String> path = list(proof, "path");
        InclusionProof inclusion = new InclusionProof(index, size,
                path.stream().map(p -> Hash.of(Base64.getUrlDecoder().decode(p))).toList());
        String encoded = (String) list(get("/ledger/entries?from=" + index + "&to=" + (index + 1)), "records").get(0);
        Hash leaf = TreeHasher.leaf(Base64.getUrlDecoder().decode(encoded));
        assertTrue(inclusion.verify(leaf, root), "proof of record " + index + " in size " + size);
        assertTrue(!inclusion.verify(TreeHasher.leaf(new byte[] {1}), root), "a different record does not verify");
    }

    @Test
    void outOfRangeQueriesGet400AndUnknownParametersAreNamed() throws Exception {
        CoapClientTool.Result beyond = CoapClientTool.run(CLIENT, 30, "-B", "10",
                node.coapUri("/ledger/entries?from=0&to=999999"));
        assertTrue(beyond.stderr().contains("4.00") && beyond.stderr().contains("beyond"), beyond.stderr());
        CoapClientTool.Result unknown = CoapClientTool.run(CLIENT, 30, "-B", "10", node.coapUri("/ledger/proof?leaf=1"));
        assertTrue(unknown.stderr().contains("unknown query parameter 'leaf'"), unknown.stderr());
        CoapClientTool.Result missing = CoapClientTool.run(CLIENT, 30, "-B", "10",
                node.coapUri("/ledger/checkpoints?size=3"));
        assertTrue(missing.stderr().contains("4.04"), missing.stderr());
    }
}
