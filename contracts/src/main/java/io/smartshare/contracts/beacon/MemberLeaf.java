package io.smartshare.contracts.beacon;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.settlement.NodeReward;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.checkpoint.Checkpoint;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.NodeId;

/**
 * A beacon log's leaf for one member in one epoch (docs/beacon.md §5): the member's ledger
 * checkpoint the epoch was settled from, and its line of the result.
 *
 * @param epoch the epoch
 * @param checkpoint the member's signed ledger checkpoint
 * @param reward its line of the settlement (all zero when it earned nothing)
 */
public record MemberLeaf(long epoch, SignedCheckpoint checkpoint, NodeReward reward) {
    static final long KIND = 1;
    private static final String DOCUMENT = "beacon member leaf";

    /** The leaf's bytes: {@code {0: 1, 1: epoch, 2: key, 3: checkpoint note, 4: earned, 5: capped, 6: reward, 7: dust share}}. */
    public byte[] encode() {
        return Cbor.encode(CborMap.builder()
                .put(0, KIND)
                .put(1, epoch)
                .put(2, new CborValue.Bytes(reward.node().encoded()))
                .put(3, new CborValue.Bytes(checkpoint.encoded()))
                .put(4, reward.earned())
                .put(5, reward.capped())
                .put(6, reward.reward())
                .put(7, reward.dustShare())
                .build());
    }

    /**
     * Reads a leaf and checks that the checkpoint is the member's, signed by its key.
     *
     * @throws ContractException naming what is wrong
     */
    public static MemberLeaf decode(byte[] bytes) {
        CborFields f = CborFields.of(CborFields.decode(bytes, DOCUMENT), DOCUMENT, 8);
        f.requireUint(0, "kind", KIND);
        NodeReward reward = new NodeReward(f.publicKey(2, "member"), f.uint(4, "earned"), f.uint(5, "capped"),
                f.uint(6, "reward"), f.uint(7, "dust share"));
        SignedCheckpoint note = Beacons.note(f.bytes(3, "checkpoint", -1), DOCUMENT + ": field 3 (checkpoint)");
        if (!note.origin().equals(Checkpoint.originOf(NodeId.of(reward.node()))) || !note.isSignedBy(reward.node())) {
            throw new ContractException(DOCUMENT + ": the checkpoint is not signed by member " + NodeId.of(reward.node()));
        }
        return new MemberLeaf(f.uint(1, "epoch"), note, reward);
    }
}
