package io.smartshare.contracts.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.Fixtures;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.contracts.schedule.ScheduleVerifier;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.merkle.LeafTree;
import io.smartshare.ledger.merkle.TreeHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The vectors and the worked example of docs/beacon.md §9, as the code computes them; {@code
 * src/test/python/beacon_vectors.py} computes the vectors without the project's code. Each
 * value is also looked up in the document, so the document cannot drift from the code.
 */
class BeaconVectorsTest {
    static final NodeIdentity A = Fixtures.identity(0x51);
    static final NodeIdentity B = Fixtures.identity(0x52);
    static final NodeIdentity C = Fixtures.identity(0x53);
    static final ShardMembership EXAMPLE = new ShardMembership("example", 1, List.of(A.publicKey(), B.publicKey(),
            C.publicKey()), 2, 20, 8);
    static final long EPOCH = 90_000_000;

    private static String doc() throws Exception {
        return Files.readString(Path.of("..", "docs", "beacon.md"), StandardCharsets.UTF_8);
    }

    private static void documented(String value) throws Exception {
        assertTrue(doc().contains(value), "docs/beacon.md shows " + value);
    }

    @Test
    void theMembershipItsOrderAndAResultLeafAreAsDocumented() throws Exception {
        String payload = Fixtures.hex(EXAMPLE.encode());
        assertEquals("a7000101676578616d706c650201038358202012cb90ca60e8e5d8daf66e2272d2233e0486d557e8c66141ed8920"
                + "177d7eb75820c050c5637a44fa8629fff3cccce2300cb362a63d99d95fc54145266f4332445a5820f80cccdce4ae1c07ae"
                + "208a2adf99a310ae4207e0306fa0236110b06827bbb8d0040205140608", payload);
        assertEquals("94c92710f283a39e05866384b22177203ce11f64db1c3d5c90ca314597155a3f", Fixtures.hex(EXAMPLE.id()));
        assertEquals(List.of("ssageczefipdfqinsbgfaqrrtw6q", "ssy2skl23pzncydrb6dhknxgltry",
                "sscyptpguwhjar3gvnj67jc54gi4"), EXAMPLE.order(EPOCH).stream().map(k -> NodeId.of(k).value()).toList());
        ResultLeaf leaf = new ResultLeaf(EPOCH, Sha256.of("an example result".getBytes(StandardCharsets.US_ASCII)),
                EXAMPLE.id(), 3);
        assertEquals("a50002011a055d4a800258201fb5c38b132a75a155ca879dcc70ff90cafd71705d437331daee2e026246c76d0358"
                + "2094c92710f283a39e05866384b22177203ce11f64db1c3d5c90ca314597155a3f0403", Fixtures.hex(leaf.encode()));
        assertEquals("38e7dfee950937bdf76e7c2e1acc366f2fe8ea355d264f00c244b511826588b1",
                TreeHasher.leaf(leaf.encode()).hex());
        documented(Fixtures.hex(EXAMPLE.id()));
        documented("ssageczefipdfqinsbgfaqrrtw6q");
        documented("38e7dfee950937bdf76e7c2e1acc366f2fe8ea355d264f00c244b511826588b1");
    }

    @Test
    void theWorkedExampleClosesAsDocumented() throws Exception {
        NodeIdentity issuer = Fixtures.identity(0x50);
        RateTerms relay = new RateTerms(2_000, 1_000_000, 300_000);
        VerifiedSchedule schedule = new ScheduleVerifier(Set.of(issuer.publicKey())).verify(new RewardSchedule(1, 0,
                500_000, Map.of(Resource.RELAY_UP, relay)).sign(issuer)).orElseThrow();
        BeaconContractsTest.Ledger a = new BeaconContractsTest.Ledger(A);
        a.receipt(B, 40_000);
        a.receipt(B, 100_000);
        BeaconContractsTest.Ledger b = new BeaconContractsTest.Ledger(B);
        b.receipt(C, 250_000);
        BeaconContractsTest.Ledger c = new BeaconContractsTest.Ledger(C);
        c.receipt(A, 1);
        List<CheckedSubmission> checked = List.of(
                check(a.submit(EPOCH, List.of(a.entry(1, 2)))), check(b.submit(EPOCH, List.of(b.entry(0, 1)))),
                check(c.submit(EPOCH, List.of())));
        EpochClose.Closed closed = EpochClose.close(EXAMPLE, schedule, EPOCH, checked, List.of());
        Map<NodeIdentity, Long> rewards = Map.of(A, 200L, B, 500L, C, 0L);
        rewards.forEach((member, reward) -> assertEquals((long) reward, closed.members().stream()
                .filter(m -> m.reward().node().equals(member.publicKey())).findFirst().orElseThrow().reward().reward()));
        assertEquals(500_000 - 700, closed.result().unallocated());
        assertEquals(4, closed.leaves().size(), "three member leaves and the result's");
        LeafTree log = new LeafTree();
        closed.leaves().forEach(l -> log.append(TreeHasher.leaf(l)));
        assertEquals(closed.result().hash().length, 32);
        documented("| " + NodeId.of(A.publicKey()).value() + " | 100 000 | 200 |");
        documented("| " + NodeId.of(B.publicKey()).value() + " | 250 000 | 500 |");
        documented("unallocated 499 300");
    }

    private static CheckedSubmission check(byte[] signed) {
        return SubmissionCheck.check(signed, EXAMPLE, EPOCH).orElseThrow();
    }
}
