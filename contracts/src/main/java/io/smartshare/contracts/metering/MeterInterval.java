package io.smartshare.contracts.metering;

import io.smartshare.contracts.ContractException;
import java.util.HashMap;
import java.util.Map;

/**
 * What was metered between two snapshots: the increase of every counter over
 * {@code [startMillis, endMillis)}. Counters that did not move are left out.
 *
 * @param startMillis time of the earlier snapshot
 * @param endMillis time of the later snapshot, {@code > startMillis}
 * @param increase per-key increase, each {@code > 0}
 */
public record MeterInterval(long startMillis, long endMillis, Map<MeterKey, Long> increase) {
    public MeterInterval {
        increase = Map.copyOf(increase);
        if (startMillis >= endMillis) {
            throw new ContractException("meter interval: start " + startMillis + " must be before end " + endMillis);
        }
    }

    /**
     * The interval from {@code earlier} to {@code later}.
     *
     * @throws ContractException if {@code later} is not after {@code earlier} or a counter went
     *     backwards (a meter reset the caller must handle by starting a new baseline)
     */
    public static MeterInterval between(MeterSnapshot earlier, MeterSnapshot later) {
        Map<MeterKey, Long> increase = new HashMap<>();
        for (Map.Entry<MeterKey, Long> e : later.counters().entrySet()) {
            long before = earlier.amount(e.getKey());
            if (e.getValue() < before) {
                throw new ContractException("meter interval: counter " + e.getKey() + " went backwards from " + before
                        + " to " + e.getValue());
            }
            if (e.getValue() > before) {
                increase.put(e.getKey(), e.getValue() - before);
            }
        }
        for (MeterKey key : earlier.counters().keySet()) {
            if (!later.counters().containsKey(key) && earlier.amount(key) > 0) {
                throw new ContractException("meter interval: counter " + key + " disappeared (was "
                        + earlier.amount(key) + ")");
            }
        }
        return new MeterInterval(earlier.atMillis(), later.atMillis(), increase);
    }

    /** The increase under {@code key}, 0 if it did not move. */
    public long amount(MeterKey key) {
        return increase.getOrDefault(key, 0L);
    }
}
