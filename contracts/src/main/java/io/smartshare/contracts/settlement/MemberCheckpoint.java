package io.smartshare.contracts.settlement;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Objects;

/**
 * A shard member's latest ledger checkpoint for the epoch (docs/contracts.md §8.1), checked
 * by the caller against the member's signed checkpoint. Having one makes a node a member.
 *
 * @param node the member's key
 * @param checkpoint size and root of its ledger at the epoch's checkpoint
 */
public record MemberCheckpoint(Ed25519PublicKey node, CheckpointRef checkpoint) {
    public MemberCheckpoint {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
