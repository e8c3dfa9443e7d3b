package io.smartshare.contracts.beacon;

import io.smartshare.contracts.cose.CborFields;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;

/**
 * A beacon log's last leaf of an epoch (docs/beacon.md §5): the hash of the epoch's
 * settlement result (contracts §8.6 bytes), the membership it was settled under, and how many
 * members' checkpoints it rests on.
 */
public record ResultLeaf(long epoch, byte[] resultHash, byte[] membershipId, long members) {
    static final long KIND = 2;
    private static final String DOCUMENT = "beacon result leaf";

    public ResultLeaf {
        resultHash = resultHash.clone();
        membershipId = membershipId.clone();
    }

    /** The leaf's bytes: {@code {0: 2, 1: epoch, 2: result hash, 3: membership id, 4: members}}. */
    public byte[] encode() {
        return Cbor.encode(CborMap.builder()
                .put(0, KIND)
                .put(1, epoch)
                .put(2, new CborValue.Bytes(resultHash))
                .put(3, new CborValue.Bytes(membershipId))
                .put(4, members)
                .build());
    }

    public static ResultLeaf decode(byte[] bytes) {
        CborFields f = CborFields.of(CborFields.decode(bytes, DOCUMENT), DOCUMENT, 5);
        f.requireUint(0, "kind", KIND);
        return new ResultLeaf(f.uint(1, "epoch"), f.bytes(2, "result hash", 32), f.bytes(3, "membership id", 32),
                f.uint(4, "members"));
    }

    @Override
    public byte[] resultHash() {
        return resultHash.clone();
    }

    @Override
    public byte[] membershipId() {
        return membershipId.clone();
    }
}
