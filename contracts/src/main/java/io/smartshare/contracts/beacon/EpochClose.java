package io.smartshare.contracts.beacon;

import io.smartshare.contracts.KeyOrder;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.contracts.settlement.EpochInputs;
import io.smartshare.contracts.settlement.Mark;
import io.smartshare.contracts.settlement.MemberCheckpoint;
import io.smartshare.contracts.settlement.NodeReward;
import io.smartshare.contracts.settlement.Settlement;
import io.smartshare.contracts.settlement.SettlementResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Closing an epoch from the members' checked submissions (docs/beacon.md §5): contracts'
 * settlement over their checkpoints and proven receipts, and the leaves the beacon appends
 * to its log: one per member, by key, then the result's. A pure function.
 */
public final class EpochClose {
    private EpochClose() {
    }

    /** The result and the leaves of an epoch. */
    public record Closed(SettlementResult result, List<MemberLeaf> members, ResultLeaf resultLeaf) {
        public Closed {
            members = List.copyOf(members);
        }

        /** Every leaf's bytes, in log order. */
        public List<byte[]> leaves() {
            List<byte[]> leaves = new ArrayList<>();
            members.forEach(m -> leaves.add(m.encode()));
            leaves.add(resultLeaf.encode());
            return leaves;
        }
    }

    /**
     * Settles {@code epoch} from {@code submissions} (at most one per member) after the
     * previous epoch's marks.
     */
    public static Closed close(ShardMembership membership, VerifiedSchedule schedule, long epoch,
            List<CheckedSubmission> submissions, List<Mark> previousMarks) {
        List<CheckedSubmission> sorted = new ArrayList<>(submissions);
        sorted.sort(Comparator.comparing((CheckedSubmission s) -> s.checkpoint().node(), KeyOrder.KEYS));
        List<MemberCheckpoint> checkpoints = sorted.stream().map(CheckedSubmission::checkpoint).toList();
        List<SignedReceipt> receipts = sorted.stream().flatMap(s -> s.receipts().stream()).toList();
        SettlementResult result = Settlement.settle(schedule, new EpochInputs(epoch, checkpoints, receipts,
                previousMarks, List.of()));
        List<MemberLeaf> leaves = new ArrayList<>();
        for (CheckedSubmission s : sorted) {
            NodeReward reward = result.reward(s.checkpoint().node())
                    .orElse(new NodeReward(s.checkpoint().node(), 0, 0, 0, 0));
            leaves.add(new MemberLeaf(epoch, s.note(), reward));
        }
        return new Closed(result, leaves, new ResultLeaf(epoch, result.hash(), membership.id(), sorted.size()));
    }
}
