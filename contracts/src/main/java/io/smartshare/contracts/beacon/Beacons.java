package io.smartshare.contracts.beacon;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.checkpoint.CheckpointException;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.merkle.Hash;
import java.util.ArrayList;
import java.util.List;

/** Names and the CBOR pieces the beacon's documents share (docs/beacon.md). */
public final class Beacons {
    /** The longest proof path read: a tree of 2^64 leaves. */
    public static final int MAX_PATH = 64;

    private Beacons() {
    }

    /** The origin of the beacon log kept by {@code beacon} for shard {@code shardId}: {@code smartshare/beacon/<shard>/<node id>}. */
    public static String logOrigin(String shardId, Ed25519PublicKey beacon) {
        return "smartshare/beacon/" + shardId + "/" + NodeId.of(beacon).value();
    }

    /** The key name a member cosigns beacon checkpoints under: {@code smartshare/witness/<node id>}. */
    public static String witnessName(Ed25519PublicKey member) {
        return "smartshare/witness/" + NodeId.of(member).value();
    }

    /** A proof's path as CBOR: an array of 32-byte byte strings, from the leaf up. */
    public static CborValue path(List<Hash> path) {
        return new CborValue.Array(path.stream().map(h -> (CborValue) new CborValue.Bytes(h.bytes())).toList());
    }

    /**
     * Reads what {@link #path(List)} wrote: at most {@link #MAX_PATH} hashes.
     *
     * @throws ContractException naming {@code document}
     */
    public static List<Hash> path(CborValue value, String document) {
        if (!(value instanceof CborValue.Array array) || array.items().size() > MAX_PATH) {
            throw new ContractException(document + ": a proof is at most " + MAX_PATH + " hashes");
        }
        List<Hash> path = new ArrayList<>();
        for (CborValue h : array.items()) {
            if (!(h instanceof CborValue.Bytes b) || b.length() != Hash.LENGTH) {
                throw new ContractException(document + ": a proof hash is 32 bytes, found " + h);
            }
            path.add(Hash.of(b.value()));
        }
        return path;
    }

    /**
     * Parses a C2SP signed note (a ledger's or a beacon's checkpoint).
     *
     * @throws ContractException naming {@code what} and the line at fault
     */
    public static SignedCheckpoint note(byte[] bytes, String what) {
        try {
            return SignedCheckpoint.parse(bytes);
        } catch (CheckpointException e) {
            throw new ContractException(what + ": " + e.getMessage(), e);
        }
    }

    static Ed25519PublicKey key(byte[] encoded, String document) {
        try {
            return Ed25519PublicKey.of(encoded);
        } catch (IdentityException e) {
            throw new ContractException(document + ": " + e.getMessage(), e);
        }
    }
}
