package io.smartshare.node.rewards;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.schedule.MicroTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

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

    /** The units signed, by resource name, in name order (as documents show them). */
    public Map<String, Long> unitsByName() {
        Map<String, Long> byName = new TreeMap<>();
        units.forEach((resource, amount) -> byName.put(resource.toString(), amount));
        return byName;
    }

    /**
     * The {@code earnings} section of {@code /rewards}: the units signed per resource, the
     * estimate (labelled as one: the pool is only split at settlement) and the last settled
     * reward, in micro-tokens and, as text, in tokens.
     */
    Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        settledEpoch.ifPresent(e -> doc.put("settled-epoch", e));
        doc.put("units", unitsByName());
        estimate.ifPresentOrElse(v -> {
            doc.put("estimate-micro-tokens", v);
            doc.put("estimate-tokens", MicroTokens.tokens(v));
            doc.put("estimate", "not settled: these units at the schedule's rates, capped, before the pool is split");
        }, () -> doc.put("estimate", "none: no reward schedule is configured"));
        settledReward.ifPresent(v -> {
            doc.put("settled-reward-micro-tokens", v);
            doc.put("settled-reward-tokens", MicroTokens.tokens(v));
        });
        return doc;
    }
}
