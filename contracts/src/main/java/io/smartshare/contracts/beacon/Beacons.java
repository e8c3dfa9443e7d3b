package io.smartshare.contracts.beacon;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.IdentityException;
import io.smartshare.ledger.identity.NodeId;

/** Names and small helpers the beacon's documents share (docs/beacon.md). */
public final class Beacons {
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

    static Ed25519PublicKey key(byte[] encoded, String document) {
        try {
            return Ed25519PublicKey.of(encoded);
        } catch (IdentityException e) {
            throw new ContractException(document + ": " + e.getMessage(), e);
        }
    }
}
