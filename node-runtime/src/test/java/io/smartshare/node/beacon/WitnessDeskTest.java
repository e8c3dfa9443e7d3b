package io.smartshare.node.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.beacon.Beacons;
import io.smartshare.contracts.beacon.ResultLeaf;
import io.smartshare.contracts.beacon.ShardMembership;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.equivocation.EquivocationEvidence;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.Hash;
import io.smartshare.ledger.merkle.TreeHasher;
import io.smartshare.node.testing.SeededIdentities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitnessDeskTest {
    private static final NodeIdentity BEACON = SeededIdentities.identity(0x62);
    private static final NodeIdentity MEMBER = SeededIdentities.identity(0x63);
    private static final NodeIdentity OUTSIDER = SeededIdentities.identity(0x64);
    private static final ShardMembership SHARD = new ShardMembership("s", 1, List.of(BEACON.publicKey(),
            MEMBER.publicKey()), 1, 20, 5);

    @TempDir
    Path dir;

    private WitnessDesk desk() {
        return new WitnessDesk(MEMBER, SHARD, dir, () -> 1_000_000);
    }

    @Test
    void aMemberCosignsALogThatGrowsConsistentlyAndRemembersItAcrossARestart() throws Exception {
        BeaconLog log = BeaconLog.open(dir.resolve("log"), Beacons.logOrigin("s", BEACON.publicKey()), BEACON);
        log.append(List.of(new ResultLeaf(1, new byte[32], new byte[32], 2).encode()));
        SignedCheckpoint first = log.sign();
        WitnessDesk desk = desk();
        WitnessDesk.Answer answer = desk.cosign(first, 0, log.consistency(0, 1));
        assertTrue(((WitnessDesk.Cosigned) answer).note().isCosignedBy(Beacons.witnessName(MEMBER.publicKey()),
                MEMBER.publicKey()));
        log.append(List.of(new ResultLeaf(2, new byte[32], new byte[32], 2).encode()));
        SignedCheckpoint second = log.sign();
        assertEquals(new WitnessDesk.WrongSize(1), desk.cosign(second, 0, log.consistency(0, 2)),
                "a proof from the wrong size: told the size it cosigned");
        assertInstanceOf(WitnessDesk.Cosigned.class, desk.cosign(second, 1, log.consistency(1, 2)));

        WitnessDesk restarted = desk();
        log.append(List.of(new ResultLeaf(3, new byte[32], new byte[32], 2).encode()));
        SignedCheckpoint third = log.sign();
        assertEquals(new WitnessDesk.WrongSize(2), restarted.cosign(third, 0, log.consistency(0, 3)),
                "after a restart it still knows size 2");
        assertInstanceOf(WitnessDesk.Cosigned.class, restarted.cosign(third, 2, log.consistency(2, 3)));
        log.close();
    }

    @Test
    void aBeaconShowingTwoHistoriesGetsNoCosignatureAndLeavesEvidence() throws Exception {
        String origin = Beacons.logOrigin("s", BEACON.publicKey());
        Hash root = TreeHasher.leaf(new byte[] {1});
        SignedCheckpoint honest = SignedCheckpoint.sign(new Checkpoint(origin, 1, root), BEACON);
        SignedCheckpoint other = SignedCheckpoint.sign(new Checkpoint(origin, 1, TreeHasher.leaf(new byte[] {2})), BEACON);
        WitnessDesk desk = desk();
        assertInstanceOf(WitnessDesk.Cosigned.class, desk.cosign(honest, 0,
                new io.smartshare.ledger.merkle.ConsistencyProof(0, 1, List.of())));
        WitnessDesk.Answer refused = desk.cosign(other, 1, new io.smartshare.ledger.merkle.ConsistencyProof(1, 1,
                List.of()));
        assertTrue(((WitnessDesk.Refused) refused).evidence(), refused.toString());
        assertEquals(1, desk.equivocations());
        Path file;
        try (var files = Files.list(dir.resolve("evidence"))) {
            file = files.findFirst().orElseThrow();
        }
        assertTrue(EquivocationEvidence.decode(Files.readAllBytes(file)).verify(BEACON.publicKey()));

        SignedCheckpoint stranger = SignedCheckpoint.sign(new Checkpoint(Beacons.logOrigin("s", OUTSIDER.publicKey()),
                1, root), OUTSIDER);
        assertTrue(((WitnessDesk.Refused) desk.cosign(stranger, 0, new io.smartshare.ledger.merkle.ConsistencyProof(0,
                1, List.of()))).reason().contains("not a beacon log"));
    }
}
