package io.smartshare.contracts.storage;

import io.smartshare.contracts.ContractException;
import java.math.BigInteger;

/**
 * What an owner pays a holder for keeping its content (docs/contracts.md §16): {@code rate}
 * micro-tokens per {@code unit} byte-hours. Owed amounts are computed from the cumulative
 * byte-seconds held (the {@code storage} resource) and rounded down, so no fraction of a
 * micro-token is lost between receipts. Immutable.
 *
 * @param rate micro-tokens per unit, {@code > 0}
 * @param unit byte-hours per unit, {@code > 0}
 */
public record StoragePrice(long rate, long unit) {
    private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3_600);

    public StoragePrice {
        if (rate <= 0 || unit <= 0) {
            throw new ContractException("storage price: need rate > 0 and unit > 0, found rate " + rate + ", unit " + unit);
        }
    }

    /** Cumulative micro-tokens owed for {@code byteSeconds} held: {@code ⌊byteSeconds × rate ÷ (unit × 3600)⌋}, capped. */
    public long due(long byteSeconds) {
        if (byteSeconds <= 0) {
            return 0;
        }
        BigInteger owed = BigInteger.valueOf(byteSeconds).multiply(BigInteger.valueOf(rate))
                .divide(BigInteger.valueOf(unit).multiply(SECONDS_PER_HOUR));
        return owed.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
    }
}
