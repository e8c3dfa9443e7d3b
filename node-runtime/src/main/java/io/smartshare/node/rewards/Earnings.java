package io.smartshare.node.rewards;

import io.smartshare.contracts.metering.Resource;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What this node earned so far in the epoch not yet settled, and what it carried: read from
 * its accepted receipts, the latest settlement it stored and the reward schedule. Immutable.
 *
 * @param settledEpoch the epoch of the latest settlement stored, if any (the current epoch
 *     counts from it)
 * @param settledReward this node's reward in that settlement, micro-tokens
 * @param units per resource, the amounts consumers signed for since that settlement's marks
 *     (all accepted receipts when none was stored)
 * @param estimate those units at the schedule's rates, each resource capped: micro-tokens
 *     before the pool is split, so an estimate, never more than the caps allow; empty without
 *     a schedule
 * @param relayProvidedBytes relay bytes carried for neighbours since the meter began
 * @param relayConsumedBytes relay bytes neighbours carried for this node (its uplink traffic)
 */
public record Earnings(OptionalLong settledEpoch, OptionalLong settledReward, Map<Resource, Long> units,
        OptionalLong estimate, long relayProvidedBytes, long relayConsumedBytes) {
    public Earnings {
        units = Map.copyOf(units);
    }
}
