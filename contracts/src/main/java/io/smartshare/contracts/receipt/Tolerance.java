package io.smartshare.contracts.receipt;

import io.smartshare.contracts.ContractException;

/**
 * How far a consumer's claimed cumulative amount may be from the provider's own meter
 * (docs/contracts.md §4.3): {@code |claimed - metered| <= max(floor, metered * basisPoints / 10000)},
 * rounded down. Both sides meter the same traffic at different points and moments.
 *
 * @param basisPoints relative tolerance in 1/10000 (default 200 = 2 %), {@code 0..10000}
 * @param floor absolute tolerance in the resource's unit (default 65536), {@code >= 0}
 */
public record Tolerance(long basisPoints, long floor) {
    /** 2 %, at least 65536 units. */
    public static final Tolerance DEFAULT = new Tolerance(200, 65_536);

    public Tolerance {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new ContractException("tolerance: basis points must be 0..10000, found " + basisPoints);
        }
        if (floor < 0) {
            throw new ContractException("tolerance: floor must be >= 0, found " + floor);
        }
    }

    /** The largest accepted difference from {@code metered} ({@code >= 0}); exact, without overflow. */
    public long around(long metered) {
        long relative = metered / 10_000 * basisPoints + metered % 10_000 * basisPoints / 10_000;
        return Math.max(floor, relative);
    }

    /** True if {@code claimed} is within tolerance of {@code metered}. */
    public boolean allows(long claimed, long metered) {
        return Math.abs(claimed - metered) <= around(metered);
    }
}
