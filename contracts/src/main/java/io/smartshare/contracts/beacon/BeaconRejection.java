package io.smartshare.contracts.beacon;

/** Why a beacon document was refused (docs/beacon.md §6): each names the evidence it rests on. */
public enum BeaconRejection {
    /** Not the document it claims to be (CBOR, fields). */
    MALFORMED,
    /** Beyond the size a document of its kind may have. */
    TOO_LARGE,
    /** A membership not signed by a key the config trusts. */
    UNTRUSTED_ISSUER,
    /** Signed by no member of the shard. */
    NOT_A_MEMBER,
    /** The signature is not the signer's over this document. */
    BAD_SIGNATURE,
    /** A submission for another epoch than the one being closed. */
    WRONG_EPOCH,
    /** The member's ledger checkpoint is not signed by its key under its ledger's origin. */
    CHECKPOINT_NOT_SIGNED,
    /** A record at an index the member's checkpoint does not cover. */
    RECORD_BEYOND_CHECKPOINT,
    /** An inclusion proof that does not lead from the record to the checkpoint's root. */
    PROOF_INVALID,
    /** A record that is not a receipt. */
    NOT_A_RECEIPT,
    /** A beacon checkpoint not signed by a member under its beacon log's origin. */
    NOT_SIGNED_BY_BEACON,
    /** A beacon checkpoint cosigned by fewer members than the quorum. */
    TOO_FEW_COSIGNATURES
}
