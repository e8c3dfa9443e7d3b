package io.smartshare.contracts.compute;

/** Why a compute document was refused (docs/contracts.md §17). */
public enum ComputeRejection {
    /** The bytes are not a document of this kind. */
    MALFORMED,
    /** The signature does not verify with the key that must have signed it. */
    BAD_SIGNATURE,
    /** A job for another provider than this node. */
    WRONG_PROVIDER,
    /** A result for another task than the one asked for. */
    NOT_THE_TASK
}
