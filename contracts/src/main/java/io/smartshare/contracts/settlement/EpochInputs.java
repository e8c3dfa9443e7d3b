package io.smartshare.contracts.settlement;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.channel.ChannelClose;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything an epoch is settled from besides the schedule (docs/contracts.md §8.1). Lists
 * may be in any order; receipts and closes may repeat.
 *
 * @param epoch the epoch number, {@code >=} the schedule's valid-from epoch
 * @param checkpoints each member's checkpoint for the epoch, at most one per node
 * @param receipts receipt records found in members' ledgers
 * @param previousMarks the previous epoch's marks, at most one per triple
 * @param channelCloses channel closes submitted in the epoch
 */
public record EpochInputs(long epoch, List<MemberCheckpoint> checkpoints, List<SignedReceipt> receipts,
        List<Mark> previousMarks, List<ChannelClose> channelCloses) {
    public EpochInputs {
        checkpoints = List.copyOf(checkpoints);
        receipts = List.copyOf(receipts);
        previousMarks = List.copyOf(previousMarks);
        channelCloses = List.copyOf(channelCloses);
        if (epoch < 0) {
            throw new ContractException("epoch inputs: epoch must be >= 0, found " + epoch);
        }
        Set<Ed25519PublicKey> nodes = new HashSet<>();
        for (MemberCheckpoint c : checkpoints) {
            if (!nodes.add(c.node())) {
                throw new ContractException("epoch inputs: two checkpoints for node " + c.node());
            }
        }
        Set<Mark.Key> triples = new HashSet<>();
        for (Mark m : previousMarks) {
            if (!triples.add(m.key())) {
                throw new ContractException("epoch inputs: two previous marks for " + m.key());
            }
        }
    }
}
