package io.smartshare.contracts.settlement;

import static io.smartshare.contracts.settlement.ExampleEpoch.A;
import static io.smartshare.contracts.settlement.ExampleEpoch.B;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.channel.Channel;
import io.smartshare.contracts.channel.ChannelClose;
import io.smartshare.contracts.channel.ChannelFixtures;
import io.smartshare.contracts.channel.ChannelOpen;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.ScheduleFixtures;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementTest {
    final VerifiedSchedule schedule = ScheduleFixtures.verifiedExample(500_000);
    final SettlementResult reference = Settlement.settle(schedule, ExampleEpoch.inputs());

    @Test
    void inputsInAnyOrderWithRepeatsGiveIdenticalBytes() {
        for (long seed = 0; seed < 20; seed++) {
            assertArrayEquals(reference.encode(), Settlement.settle(schedule, ExampleEpoch.shuffled(seed)).encode(),
                    "seed " + seed);
        }
    }

    @Test
    void selfSignedAndNonMemberReceiptsChangeNothing() {
        List<io.smartshare.contracts.receipt.SignedReceipt> honest = ExampleEpoch.receipts().subList(0, 7);
        EpochInputs withoutInflation = new EpochInputs(ExampleEpoch.EPOCH, ExampleEpoch.checkpoints(), honest,
                ExampleEpoch.previousMarks(), ExampleEpoch.channelCloses());
        assertArrayEquals(reference.encode(), Settlement.settle(schedule, withoutInflation).encode());
        assertEquals(List.of(), Settlement.settle(schedule, withoutInflation).exclusions());
    }

    @Test
    void receiptsAlreadySettledArePaidOnce() {
        EpochInputs next = new EpochInputs(ExampleEpoch.EPOCH + 1, ExampleEpoch.checkpoints(), ExampleEpoch.receipts(),
                reference.marks(), List.of());
        SettlementResult result = Settlement.settle(schedule, next);
        assertEquals(List.of(), result.rewards());
        assertEquals(500_000, result.unallocated());
        assertEquals(reference.marks(), result.marks());
    }

    @Test
    void onlyTheIncreaseOverThePreviousMarkIsPaid() {
        EpochInputs next = new EpochInputs(ExampleEpoch.EPOCH + 1, ExampleEpoch.checkpoints(),
                List.of(ExampleEpoch.receipt(20, A, B, Resource.RELAY_UP, 36_000_000)), reference.marks(), List.of());
        NodeReward a = Settlement.settle(schedule, next).reward(A.publicKey()).orElseThrow();
        assertEquals(1_000, a.earned());
    }

    @Test
    void cooperativeCloseOutweighsAHigherUnilateralProof() {
        ChannelOpen open = ChannelFixtures.exampleOpen();
        Channel.Payment paid = Channel.opened(open).pay(20_000, ChannelFixtures.PAYER).orElseThrow();
        Channel payee = Channel.opened(open).receive(paid.proof().encode()).orElseThrow();
        byte[] proposal = paid.channel().proposeClose(ChannelFixtures.PAYER).orElseThrow();
        ChannelClose cooperative = payee.closeCooperatively(proposal, ChannelFixtures.PAYEE).orElseThrow().close();
        List<ChannelClose> closes = new ArrayList<>(List.of(cooperative,
                new ChannelClose.Unilateral(open, Optional.of(ChannelFixtures.proof(open, 30_000)))));
        EpochInputs inputs = new EpochInputs(ExampleEpoch.EPOCH, ExampleEpoch.checkpoints(), List.of(), List.of(), closes);
        assertEquals(20_000, Settlement.settle(schedule, inputs).channels().get(0).paid());
    }

    @Test
    void rejectsScheduleNotYetValidForTheEpoch() {
        EpochInputs early = new EpochInputs(4, ExampleEpoch.checkpoints(), List.of(), List.of(), List.of());
        ContractException e = assertThrows(ContractException.class, () -> Settlement.settle(schedule, early));
        assertTrue(e.getMessage().contains("epoch 4"));
    }

    @Test
    void rejectsTwoCheckpointsForOneNode() {
        List<MemberCheckpoint> twice = new ArrayList<>(ExampleEpoch.checkpoints());
        twice.add(ExampleEpoch.checkpoints().get(0));
        assertThrows(ContractException.class, () -> new EpochInputs(7, twice, List.of(), List.of(), List.of()));
    }
}
