package io.smartshare.contracts.storage;

/** Why a storage agreement or an audit answer was refused (docs/contracts.md §16); nothing changes. */
public enum StorageRejection {
    /** Not a document of §16. */
    MALFORMED,
    /** Signed by, or naming, another key than the one that must sign it. */
    WRONG_SIGNER,
    /** A signature does not verify. */
    BAD_SIGNATURE,
    /** An audit answer for another leaf than the challenge names, or one that does not prove it against the root. */
    FAILED_AUDIT,
    /** An audit answer to another challenge than the one open (a replay), or after its deadline. */
    NOT_THE_CHALLENGE
}
