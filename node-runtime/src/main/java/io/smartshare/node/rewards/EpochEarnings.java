package io.smartshare.node.rewards;

import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.contracts.settlement.Mark;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.node.metering.PeerMeter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Works out {@link Earnings} when asked: the accepted receipts' cumulative amounts minus the
 * marks of the latest stored settlement, summed per resource as settlement sums them
 * (docs/contracts.md §8.3), valued at the schedule's rates and caps.
 */
final class EpochEarnings {
    private final Ed25519PublicKey self;
    private final ReceiptDesk desk;
    private final PeerMeter meter;
    private final Optional<VerifiedSchedule> schedule;
    private final Path dataDir;

    EpochEarnings(Ed25519PublicKey self, ReceiptDesk desk, PeerMeter meter, Optional<VerifiedSchedule> schedule,
            Path dataDir) {
        this.self = self;
        this.desk = desk;
        this.meter = meter;
        this.schedule = schedule;
        this.dataDir = dataDir;
    }

    Earnings now() {
        Optional<SettlementRecord.Settled> settled = SettlementRecord.latest(dataDir, self);
        Map<Resource, Long> units = units(self, desk.amounts(), settled.map(SettlementRecord.Settled::marks)
                .orElse(List.of()));
        OptionalLong estimate = schedule.map(s -> OptionalLong.of(value(s.schedule(), units))).orElse(OptionalLong.empty());
        return new Earnings(settled.map(s -> OptionalLong.of(s.epoch())).orElse(OptionalLong.empty()),
                settled.map(s -> OptionalLong.of(s.reward())).orElse(OptionalLong.empty()), units, estimate,
                meter.relayBytes(Role.PROVIDED), meter.relayBytes(Role.CONSUMED));
    }

    /** Per resource, what {@code self}'s accepted cumulative {@code amounts} add to the {@code marks} settled. */
    static Map<Resource, Long> units(Ed25519PublicKey self, Map<ReceiptDesk.Slot, Long> amounts, List<Mark> marks) {
        Map<ReceiptDesk.Slot, Long> marked = new HashMap<>();
        marks.stream().filter(m -> m.provider().equals(self)).forEach(
                m -> marked.put(new ReceiptDesk.Slot(NodeId.of(m.consumer()), m.resource()), m.amount()));
        Map<Resource, Long> units = new EnumMap<>(Resource.class);
        amounts.forEach((slot, amount) -> {
            long increase = amount - marked.getOrDefault(slot, 0L);
            if (increase > 0) {
                units.merge(slot.resource(), increase, Math::addExact);
            }
        });
        return units;
    }

    /** {@code units} at the schedule's rates, each resource capped, in micro-tokens. */
    static long value(RewardSchedule schedule, Map<Resource, Long> units) {
        long total = 0;
        for (Map.Entry<Resource, Long> e : units.entrySet()) {
            Optional<RateTerms> terms = schedule.terms(e.getKey());
            if (terms.isPresent()) {
                BigInteger value = BigInteger.valueOf(e.getValue()).multiply(BigInteger.valueOf(terms.get().rate()))
                        .divide(BigInteger.valueOf(terms.get().unit()));
                total = Math.addExact(total, value.min(BigInteger.valueOf(terms.get().cap())).longValueExact());
            }
        }
        return total;
    }
}
