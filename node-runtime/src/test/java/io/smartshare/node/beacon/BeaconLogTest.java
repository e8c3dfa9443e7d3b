package io.smartshare.node.beacon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.beacon.ResultLeaf;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.node.testing.SeededIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeaconLogTest {
    private static final NodeIdentity BEACON = SeededIdentities.identity(0x61);

    @TempDir
    Path dir;

    private static byte[] leaf(long epoch, int n) {
        return new ResultLeaf(epoch, new byte[32], new byte[32], n).encode();
    }

    @Test
    void epochsSurviveAReopenAndATornTailIsCutOff() throws Exception {
        SignedCheckpoint note;
        try (BeaconLog log = BeaconLog.open(dir, "smartshare/beacon/s/x", BEACON)) {
            log.append(List.of(leaf(5, 1), leaf(5, 2)));
            log.append(List.of(leaf(6, 3)));
            note = log.sign();
            assertTrue(log.holds(5) && log.holds(6) && !log.holds(7));
            assertArrayEquals(new long[] {2, 1}, log.range(6).orElseThrow());
        }
        Files.write(dir.resolve("leaves"), new byte[] {0, 0, 0, 9, 1, 2}, StandardOpenOption.APPEND);
        try (BeaconLog again = BeaconLog.open(dir, "smartshare/beacon/s/x", BEACON)) {
            assertEquals(3, again.size(), "the torn record is cut off");
            assertEquals(note.root(), again.sign().root(), "the same tree");
            assertTrue(again.inclusion(1, 3).verify(TreeHasher.leaf(leaf(5, 2)), note.root()));
            assertTrue(again.consistency(2, 3).verify(rootOfFirstTwo(), note.root()));
            assertFalse(again.holds(7));
        }
        assertEquals(3L * 8 + leaf(5, 1).length * 3, Files.size(dir.resolve("leaves")));
    }

    private static io.smartshare.ledger.merkle.Hash rootOfFirstTwo() {
        return TreeHasher.node(TreeHasher.leaf(leaf(5, 1)), TreeHasher.leaf(leaf(5, 2)));
    }
}
