package io.smartshare.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.CompactRange;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.ledger.record.CheckpointMarker;
import io.smartshare.ledger.record.MeteringSample;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.ledger.record.Record;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The code reproduces the independently computed vectors of docs/ledger-format.md §10. */
class FormatVectorsTest {
    static final NodeIdentity LOG_KEY = NodeIdentity.fromSeed(
            HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    static final NodeIdentity PEER_KEY = NodeIdentity.fromSeed(
            HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

    private static List<Record> records() {
        Record r0 = new Record(0, Hash.ZERO, 1700000000000L, new MeteringSample("net.tx", 1500, "B", 60000));
        Record r1 = new Record(1, TreeHasher.leaf(r0.encode()), 1700000060000L,
                new MeteringSample("net.rx", 2048, "B", 60000));
        byte[] statement = "smartshare receipt vector".getBytes(StandardCharsets.US_ASCII);
        Record r2 = new Record(2, TreeHasher.leaf(r1.encode()), 1700000120000L,
                new Receipt(PEER_KEY.publicKey(), statement, PEER_KEY.sign(statement)));
        return List.of(r0, r1, r2);
    }

    @Test
    void encodesRecordsLeavesAndRootsAsTheVectors() {
        List<Record> records = records();
        CompactRange range = new CompactRange();
        for (int i = 0; i < records.size(); i++) {
            byte[] encoded = records.get(i).encode();
            assertArrayEquals(FormatVectors.get("record" + i), encoded, "record" + i);
            assertEquals(records.get(i), Record.decode(FormatVectors.get("record" + i)));
            Hash leaf = TreeHasher.leaf(encoded);
            assertArrayEquals(FormatVectors.get("leaf" + i), leaf.bytes(), "leaf" + i);
            range.append(leaf);
            assertArrayEquals(FormatVectors.get("root" + (i + 1)), range.root().bytes(), "root" + (i + 1));
        }
    }

    @Test
    void signsTheCheckpointAndMarkerAsTheVectors() {
        Hash root3 = Hash.of(FormatVectors.get("root3"));
        Checkpoint checkpoint = new Checkpoint(Checkpoint.originOf(LOG_KEY.nodeId()), 3, root3);
        SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, LOG_KEY);
        assertArrayEquals(FormatVectors.get("checkpoint3"), signed.encoded());
        SignedCheckpoint parsed = SignedCheckpoint.parse(FormatVectors.get("checkpoint3"));
        assertEquals(signed, parsed);
        assertTrue(parsed.isSignedBy(LOG_KEY.publicKey()));

        Record r3 = new Record(3, Hash.of(FormatVectors.get("leaf2")), 1700000120001L,
                new CheckpointMarker(3, root3, signed.logSignature(LOG_KEY.publicKey()).orElseThrow()));
        assertArrayEquals(FormatVectors.get("record3"), r3.encode());
        CompactRange range = new CompactRange();
        for (Record r : records()) {
            range.append(TreeHasher.leaf(r.encode()));
        }
        range.append(TreeHasher.leaf(r3.encode()));
        assertArrayEquals(FormatVectors.get("root4"), range.root().bytes());
    }

    @Test
    void framesAndSegmentHeadersAsTheVectors() {
        byte[] record0 = FormatVectors.get("record0");
        ByteBuffer frame = ByteBuffer.allocate(Frames.HEADER + record0.length);
        Frames.put(frame, record0);
        assertArrayEquals(FormatVectors.get("frame0"), frame.array());
        SegmentHeader header = new SegmentHeader(0, LOG_KEY.publicKey());
        assertArrayEquals(FormatVectors.get("segmentHeader0"), header.encode());
        assertEquals(header, SegmentHeader.decode(FormatVectors.get("segmentHeader0")));
    }
}
