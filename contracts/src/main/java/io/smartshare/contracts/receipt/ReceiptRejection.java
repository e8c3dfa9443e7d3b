package io.smartshare.contracts.receipt;

/** Why a provider rejected a receipt (docs/contracts.md §4.2), in the order checked. */
public enum ReceiptRejection {
    /** Not a receipt of docs/contracts.md §3 and §4.1. */
    MALFORMED,
    /** The kid or signature is not the consumer's. */
    BAD_SIGNATURE,
    /** The receipt names another provider. */
    WRONG_PROVIDER,
    /** The consumer is the provider itself. */
    SELF_SIGNED,
    /** The amount equals the last accepted amount for this consumer and resource. */
    REPLAY,
    /** The amount is below the last accepted amount for this consumer and resource. */
    DECREASING,
    /** The interval starts before the end of the last accepted one. */
    BAD_INTERVAL,
    /** The interval ends further in the future than {@link ReceiptBook#MAX_CLOCK_AHEAD_MILLIS} by this node's clock. */
    FUTURE_INTERVAL,
    /** This node has never metered service to the consumer. */
    UNKNOWN_CONSUMER,
    /** The amount is further from this node's own meter than the tolerance allows. */
    BEYOND_TOLERANCE
}
