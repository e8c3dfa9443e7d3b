package io.smartshare.contracts.receipt;

import io.smartshare.contracts.ContractException;

/**
 * How far a consumer's claimed cumulative amount may be from the provider's own meter
 * (docs/contracts.md §4.3): {@code |claimed - metered| <= metered * basisPoints / 10000 + slack},
 * the relative part rounded down. Both sides meter the same traffic at different points and
 * moments; the relative part covers the first, the slack the second: the service that one
 * receipt interval's two readings can see differently, whatever the totals (§4.3 gives the
 * arithmetic). So a consumer served 1 byte can be billed at most {@code 1 + slack}.
 *
 * @param basisPoints relative tolerance in 1/10000 (default 200 = 2 %), {@code 0..10000}
 * @param slack constant tolerance in the resource's unit (default 16384), {@code >= 0}
 */
public record Tolerance(long basisPoints, long slack) {
    /** 2 % plus 16 384 units. */
    public static final Tolerance DEFAULT = new Tolerance(200, 16_384);

    public Tolerance {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new ContractException("tolerance: basis points must be 0..10000, found " + basisPoints);
        }
        if (slack < 0) {
            throw new ContractException("tolerance: slack must be >= 0, found " + slack);
        }
    }

    /** The largest accepted difference from {@code metered} ({@code >= 0}); exact, saturating at Long.MAX_VALUE. */
    public long around(long metered) {
        long relative = metered / 10_000 * basisPoints + metered % 10_000 * basisPoints / 10_000;
        return relative > Long.MAX_VALUE - slack ? Long.MAX_VALUE : relative + slack;
    }

    /** True if {@code claimed} is within tolerance of {@code metered}. */
    public boolean allows(long claimed, long metered) {
        return Math.abs(claimed - metered) <= around(metered);
    }
}
