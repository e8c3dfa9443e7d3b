package io.smartshare.node.beacon;

import io.smartshare.contracts.beacon.Beacons;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.merkle.InclusionProof;

/**
 * A closed epoch as members pass it on (docs/beacon.md §5, {@code GET /beacon/epochs}): the
 * beacon checkpoint cosigned by the quorum, the settlement result's bytes, and the result
 * leaf with its inclusion proof in that checkpoint. {@code {0: epoch, 1: note, 2: result,
 * 3: result leaf, 4: leaf index, 5: [proof hashes]}}.
 */
record Closure(long epoch, SignedCheckpoint note, byte[] result, byte[] resultLeaf, InclusionProof proof) {
    /** A closure is at most this long (the result grows with the shard: about 700 bytes a member). */
    static final int MAX_BYTES = 8 << 20;
    private static final String DOCUMENT = "beacon closure";

    byte[] encode() {
        return Cbor.encode(CborMap.builder()
                .put(0, epoch)
                .put(1, new CborValue.Bytes(note.encoded()))
                .put(2, new CborValue.Bytes(result))
                .put(3, new CborValue.Bytes(resultLeaf))
                .put(4, proof.index())
                .put(5, Beacons.path(proof.path()))
                .build());
    }

    /**
     * Reads a closure; checks its shape only ({@code RewardProof.verifyResult} checks the rest).
     *
     * @throws ContractException naming the field at fault
     */
    static Closure decode(byte[] bytes) {
        CborFields f = CborFields.of(CborFields.decode(bytes, DOCUMENT), DOCUMENT, 6);
        SignedCheckpoint note = Beacons.note(f.bytes(1, "note", -1), DOCUMENT);
        return new Closure(f.uint(0, "epoch"), note, f.bytes(2, "result", -1), f.bytes(3, "result leaf", -1),
                new InclusionProof(f.uint(4, "leaf index"), note.size(), Beacons.path(f.value(5), DOCUMENT)));
    }
}
