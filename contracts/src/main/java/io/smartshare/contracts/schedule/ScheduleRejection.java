package io.smartshare.contracts.schedule;

/** Why a reward schedule was rejected (docs/contracts.md §7). */
public enum ScheduleRejection {
    /** Not a schedule of docs/contracts.md §3 and §7. */
    MALFORMED,
    /** Signed by a key that is not a trusted issuer. */
    UNTRUSTED_ISSUER,
    /** The signature does not verify: the document was changed or forged. */
    BAD_SIGNATURE,
    /** The version is not above that of the schedule already held. */
    NOT_NEWER
}
