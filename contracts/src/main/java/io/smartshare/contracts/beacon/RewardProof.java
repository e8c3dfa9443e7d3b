package io.smartshare.contracts.beacon;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.Sha256;
import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.merkle.InclusionProof;
import io.smartshare.ledger.merkle.TreeHasher;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks what a beacon published from roots alone (docs/beacon.md §7): a beacon checkpoint
 * counts once it is signed by a member under its beacon log's origin and cosigned by at least
 * the quorum of members; a member's leaf, or an epoch's result leaf with the result's bytes,
 * counts once its inclusion proof leads to that checkpoint's root. A member leaf's ledger
 * checkpoint must be signed by the member. No member data is needed. Stateless.
 */
public final class RewardProof {
    private RewardProof() {
    }

    /** The beacon that signed {@code beacon}, if the note counts (signed by a member, cosigned by the quorum). */
    public static Outcome<Ed25519PublicKey, BeaconRejection> cosigned(ShardMembership membership,
            SignedCheckpoint beacon) {
        Optional<Ed25519PublicKey> signer = membership.members().stream()
                .filter(m -> beacon.origin().equals(Beacons.logOrigin(membership.shardId(), m)) && beacon.isSignedBy(m))
                .findFirst();
        if (signer.isEmpty()) {
            return Outcome.rejected(BeaconRejection.NOT_SIGNED_BY_BEACON, "beacon checkpoint " + beacon.origin()
                    + " is not signed by a member of shard " + membership.shardId() + " under its beacon log");
        }
        long cosigners = membership.members().stream().filter(m -> beacon.isCosignedBy(Beacons.witnessName(m), m))
                .count();
        if (cosigners < membership.quorum()) {
            return Outcome.rejected(BeaconRejection.TOO_FEW_COSIGNATURES, "beacon checkpoint of "
                    + NodeId.of(signer.get()) + " @ " + beacon.size() + " has " + cosigners + " member cosignatures, "
                    + membership.quorum() + " needed");
        }
        return Outcome.accepted(signer.get());
    }

    /** A member's leaf, if {@code beacon} counts and {@code proof} puts {@code leaf} in it. */
    public static Outcome<MemberLeaf, BeaconRejection> verify(ShardMembership membership, SignedCheckpoint beacon,
            byte[] leaf, InclusionProof proof) {
        Optional<Outcome<MemberLeaf, BeaconRejection>> refused = included(membership, beacon, leaf, proof);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            return Outcome.accepted(MemberLeaf.decode(leaf));
        } catch (ContractException e) {
            return Outcome.rejected(BeaconRejection.MALFORMED, e.getMessage());
        }
    }

    /**
     * An epoch's result leaf, if {@code beacon} counts, {@code proof} puts {@code leaf} in it,
     * and it names {@code result}'s hash under {@code membership}.
     */
    public static Outcome<ResultLeaf, BeaconRejection> verifyResult(ShardMembership membership,
            SignedCheckpoint beacon, byte[] leaf, InclusionProof proof, byte[] result) {
        Optional<Outcome<ResultLeaf, BeaconRejection>> refused = included(membership, beacon, leaf, proof);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            ResultLeaf decoded = ResultLeaf.decode(leaf);
            if (!Arrays.equals(decoded.resultHash(), Sha256.of(result))
                    || !Arrays.equals(decoded.membershipId(), membership.id())) {
                return Outcome.rejected(BeaconRejection.PROOF_INVALID, "the result leaf of epoch " + decoded.epoch()
                        + " names another result or membership");
            }
            return Outcome.accepted(decoded);
        } catch (ContractException e) {
            return Outcome.rejected(BeaconRejection.MALFORMED, e.getMessage());
        }
    }

    private static <T> Optional<Outcome<T, BeaconRejection>> included(ShardMembership membership,
            SignedCheckpoint beacon, byte[] leaf, InclusionProof proof) {
        Outcome<Ed25519PublicKey, BeaconRejection> counts = cosigned(membership, beacon);
        if (counts.rejection().isPresent()) {
            return Optional.of(Outcome.rejected(counts.rejection().get().reason(), counts.rejection().get().detail()));
        }
        if (proof.size() != beacon.size() || !proof.verify(TreeHasher.leaf(leaf), beacon.root())) {
            return Optional.of(Outcome.rejected(BeaconRejection.PROOF_INVALID, "the leaf is not at index "
                    + proof.index() + " of the beacon checkpoint @ " + beacon.size()));
        }
        return Optional.empty();
    }
}
