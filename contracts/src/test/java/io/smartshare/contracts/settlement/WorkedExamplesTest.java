package io.smartshare.contracts.settlement;

import static io.smartshare.contracts.Fixtures.hex;
import static io.smartshare.contracts.settlement.ExampleEpoch.A;
import static io.smartshare.contracts.settlement.ExampleEpoch.B;
import static io.smartshare.contracts.settlement.ExampleEpoch.C;
import static io.smartshare.contracts.settlement.ExampleEpoch.D;
import static io.smartshare.contracts.settlement.ExampleEpoch.E;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.ScheduleFixtures;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Worked examples 2, 3 and 4 of docs/contracts.md §9, with numbers computed by hand and in Python. */
class WorkedExamplesTest {
    static final String EXAMPLE_2_HASH = "a53fff70588194ba04713d9b49517b586fb6373e291bac72aa599ab3fc87cf22";
    static final String EXAMPLE_4_HASH = "3902b550f46c7024cb50b1214328d280205e98d5bb9283d705df229d19a8b352";

    final SettlementResult example2 = Settlement.settle(ScheduleFixtures.verifiedExample(500_000), ExampleEpoch.inputs());

    static NodeReward line(SettlementResult result, NodeIdentity node) {
        return result.reward(node.publicKey()).orElseThrow();
    }

    @Test
    void exampleTwoEarningsAndCaps() {
        assertEquals(new NodeReward(A.publicKey(), 711_000, 600_000, 359_840, 0), line(example2, A));
        assertEquals(new NodeReward(B.publicKey(), 217_037, 217_037, 130_165, 1), line(example2, B));
        assertEquals(new NodeReward(C.publicKey(), 16_666, 16_666, 9_995, 0), line(example2, C));
    }

    @Test
    void exampleTwoRewardsListInKeyOrderCEAB() {
        assertEquals(List.of(C.publicKey(), A.publicKey(), B.publicKey()),
                example2.rewards().stream().map(NodeReward::node).toList());
    }

    @Test
    void exampleTwoGivesTheOneMicroTokenOfDustToTheLargestRemainderAndLosesNothing() {
        assertEquals(1, example2.dust());
        assertEquals(0, example2.unallocated());
        assertEquals(500_000, example2.rewards().stream().mapToLong(NodeReward::reward).sum());
    }

    @Test
    void nodeInflatingItsOwnMeterEarnsNothing() {
        assertTrue(example2.reward(D.publicKey()).isEmpty());
        assertTrue(example2.reward(E.publicKey()).isEmpty());
        Map<Exclusion.Reason, Long> reasons = example2.exclusions().stream()
                .collect(Collectors.groupingBy(Exclusion::reason, Collectors.counting()));
        assertEquals(Map.of(Exclusion.Reason.SELF_SIGNED, 1L, Exclusion.Reason.CONSUMER_NOT_MEMBER, 1L,
                Exclusion.Reason.PROVIDER_NOT_MEMBER, 1L, Exclusion.Reason.BAD_SIGNATURE, 1L), reasons);
    }

    @Test
    void exampleTwoPaysTheChannelItsHighestProof() {
        ChannelPayout payout = example2.channels().get(0);
        assertEquals("6d1f2ee3bad8f5bd1f967aeb098758b6", payout.channel().toString());
        assertEquals(A.publicKey(), payout.payer());
        assertEquals(C.publicKey(), payout.payee());
        assertEquals(25_000, payout.paid());
        assertEquals(25_000, payout.refund());
    }

    @Test
    void exampleTwoCarriesTheDocumentedMarksInCanonicalOrder() {
        assertEquals(List.of(
                        new Mark(C.publicKey(), D.publicKey(), Resource.STORAGE, 3_333_333),
                        new Mark(A.publicKey(), C.publicKey(), Resource.RELAY_UP, 120_000_000),
                        new Mark(A.publicKey(), B.publicKey(), Resource.RELAY_UP, 35_500_000),
                        new Mark(A.publicKey(), B.publicKey(), Resource.RELAY_DOWN, 250_000_000),
                        new Mark(B.publicKey(), C.publicKey(), Resource.CPU, 1_234_567),
                        new Mark(B.publicKey(), A.publicKey(), Resource.RELAY_DOWN, 90_000_000)),
                example2.marks());
    }

    @Test
    void exampleTwoResultBytesHaveTheDocumentedLengthAndHash() {
        assertEquals(1031, example2.encode().length);
        assertEquals("b3ac4f061a5c4521b122a70d8d7182afee7cfba8fe21f470570e1211fbd7df57", hex(example2.scheduleId()));
        assertEquals(ExampleEpoch.EPOCH, example2.epoch());
        assertEquals(500_000, example2.pool());
        assertEquals(EXAMPLE_2_HASH, hex(example2.hash()));
    }

    @Test
    void exampleThreeTieGivesDustToTheSmallestKey() {
        EpochInputs inputs = new EpochInputs(ExampleEpoch.EPOCH, ExampleEpoch.checkpoints(), List.of(
                ExampleEpoch.receipt(1, A, D, Resource.RELAY_UP, 500_000_000),
                ExampleEpoch.receipt(2, B, D, Resource.RELAY_UP, 500_000_000),
                ExampleEpoch.receipt(3, C, D, Resource.RELAY_UP, 500_000_000)), List.of(), List.of());
        SettlementResult result = Settlement.settle(ScheduleFixtures.verifiedExample(100), inputs);
        assertEquals(new NodeReward(C.publicKey(), 1_000_000, 300_000, 34, 1), line(result, C));
        assertEquals(new NodeReward(A.publicKey(), 1_000_000, 300_000, 33, 0), line(result, A));
        assertEquals(new NodeReward(B.publicKey(), 1_000_000, 300_000, 33, 0), line(result, B));
        assertEquals(1, result.dust());
        assertEquals("fee87940619a2cb0b9c4ee7bebde6feb32904bfda613633f9836fd87f6b1b707", hex(result.hash()));
    }

    @Test
    void exampleFourLeavesTheUnusedPoolUnallocated() {
        SettlementResult result = Settlement.settle(ScheduleFixtures.verifiedExample(1_000_000), ExampleEpoch.inputs());
        assertEquals(600_000, line(result, A).reward());
        assertEquals(217_037, line(result, B).reward());
        assertEquals(16_666, line(result, C).reward());
        assertEquals(0, result.dust());
        assertEquals(166_297, result.unallocated());
        assertEquals(EXAMPLE_4_HASH, hex(result.hash()));
    }
}
