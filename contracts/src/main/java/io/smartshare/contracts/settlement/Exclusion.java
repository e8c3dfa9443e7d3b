package io.smartshare.contracts.settlement;

import io.smartshare.contracts.receipt.SignedReceipt;
import java.util.Objects;

/**
 * A receipt that counted zero in a settlement, and why (docs/contracts.md §8.2). Reported
 * for operators; not part of the result bytes.
 *
 * @param receipt the receipt
 * @param reason why it does not count
 * @param detail the check that failed, naming the keys involved
 */
public record Exclusion(SignedReceipt receipt, Reason reason, String detail) {
    /** Why a receipt does not count. */
    public enum Reason {
        /** The kid or signature is not the consumer's. */
        BAD_SIGNATURE,
        /** Consumer and provider are the same node: a node's own meter is worth nothing. */
        SELF_SIGNED,
        /** The provider has no checkpoint in the epoch's inputs. */
        PROVIDER_NOT_MEMBER,
        /** The consumer has no checkpoint in the epoch's inputs. */
        CONSUMER_NOT_MEMBER
    }

    public Exclusion {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
