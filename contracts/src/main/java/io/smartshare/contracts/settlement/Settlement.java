package io.smartshare.contracts.settlement;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.KeyOrder;
import io.smartshare.contracts.channel.ChannelClose;
import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.contracts.channel.ChannelTerms;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.receipt.ReceiptClaim;
import io.smartshare.contracts.receipt.SignedReceipt;
import io.smartshare.contracts.schedule.RateTerms;
import io.smartshare.contracts.schedule.RewardSchedule;
import io.smartshare.contracts.schedule.VerifiedSchedule;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Epoch settlement (docs/contracts.md §8): a pure function of the schedule and the epoch's
 * inputs. Only receipts signed by a member consumer for another member count; rewards are
 * capped per node and resource, the pool is split pro rata with largest-remainder dust, and
 * closed channels are paid out. All arithmetic is exact integer arithmetic.
 */
public final class Settlement {
    private static final Comparator<byte[]> BYTES = Arrays::compareUnsigned;

    /** A provider's worth before the split: {@code earned} at the rates, {@code capped} after caps. */
    private record Earnings(long earned, long capped) {
    }

    private Settlement() {
    }

    /**
     * Settles one epoch.
     *
     * @throws ContractException if the schedule does not apply to the epoch or an amount
     *     overflows 64 bits
     */
    public static SettlementResult settle(VerifiedSchedule verified, EpochInputs inputs) {
        RewardSchedule schedule = verified.schedule();
        if (inputs.epoch() < schedule.validFromEpoch()) {
            throw new ContractException("settlement: schedule version " + schedule.version() + " is valid from epoch "
                    + schedule.validFromEpoch() + ", not for epoch " + inputs.epoch());
        }
        Map<Ed25519PublicKey, CheckpointRef> members = new TreeMap<>(KeyOrder.KEYS);
        inputs.checkpoints().forEach(c -> members.put(c.node(), c.checkpoint()));

        Map<Mark.Key, Long> previous = new HashMap<>();
        inputs.previousMarks().forEach(m -> previous.put(m.key(), m.amount()));
        Map<Mark.Key, Long> marks = new TreeMap<>(Mark.Key.ORDER);
        marks.putAll(previous);
        List<Exclusion> exclusions = new ArrayList<>();
        for (SignedReceipt receipt : canonical(inputs.receipts())) {
            Optional<Exclusion> excluded = exclusion(receipt, members);
            if (excluded.isPresent()) {
                exclusions.add(excluded.get());
                continue;
            }
            ReceiptClaim c = receipt.claim();
            marks.merge(new Mark.Key(c.provider(), c.consumer(), c.resource()), c.amount(), Math::max);
        }

        List<NodeReward> rewards = split(schedule, earnings(schedule, marks, previous));
        long paid = rewards.stream().mapToLong(NodeReward::reward).sum();
        long dust = rewards.stream().mapToLong(NodeReward::dustShare).sum();
        return new SettlementResult(inputs.epoch(), verified.id(), schedule.pool(), rewards, schedule.pool() - paid, dust,
                payouts(inputs.channelCloses()),
                marks.entrySet().stream().map(e -> new Mark(e.getKey().provider(), e.getKey().consumer(),
                        e.getKey().resource(), e.getValue())).toList(),
                members.entrySet().stream().map(e -> new MemberCheckpoint(e.getKey(), e.getValue())).toList(),
                exclusions);
    }

    /** Receipts sorted by their bytes, duplicates dropped, so exclusions come out in one order. */
    private static List<SignedReceipt> canonical(List<SignedReceipt> receipts) {
        Map<byte[], SignedReceipt> sorted = new TreeMap<>(BYTES);
        receipts.forEach(r -> sorted.put(r.encode(), r));
        return List.copyOf(sorted.values());
    }

    private static Optional<Exclusion> exclusion(SignedReceipt receipt, Map<Ed25519PublicKey, CheckpointRef> members) {
        ReceiptClaim c = receipt.claim();
        String who = c.resource() + " receipt " + c.provider() + " <- " + c.consumer();
        if (!receipt.isAuthentic()) {
            return Optional.of(new Exclusion(receipt, Exclusion.Reason.BAD_SIGNATURE, who + ": not signed by the consumer"));
        }
        if (c.provider().equals(c.consumer())) {
            return Optional.of(new Exclusion(receipt, Exclusion.Reason.SELF_SIGNED, who + ": signed by the provider itself"));
        }
        if (!members.containsKey(c.provider())) {
            return Optional.of(new Exclusion(receipt, Exclusion.Reason.PROVIDER_NOT_MEMBER,
                    who + ": provider has no checkpoint this epoch"));
        }
        if (!members.containsKey(c.consumer())) {
            return Optional.of(new Exclusion(receipt, Exclusion.Reason.CONSUMER_NOT_MEMBER,
                    who + ": consumer has no checkpoint this epoch"));
        }
        return Optional.empty();
    }

    /** Earned and capped micro-tokens per provider, from the increase of every mark. */
    private static Map<Ed25519PublicKey, Earnings> earnings(RewardSchedule schedule, Map<Mark.Key, Long> marks,
            Map<Mark.Key, Long> previous) {
        Map<Ed25519PublicKey, Map<Resource, Long>> units = new TreeMap<>(KeyOrder.KEYS);
        marks.forEach((key, mark) -> units.computeIfAbsent(key.provider(), p -> new EnumMap<>(Resource.class))
                .merge(key.resource(), mark - previous.getOrDefault(key, 0L), Settlement::add));
        Map<Ed25519PublicKey, Earnings> earnings = new TreeMap<>(KeyOrder.KEYS);
        units.forEach((provider, byResource) -> {
            long earned = 0;
            long capped = 0;
            for (Map.Entry<Resource, Long> e : byResource.entrySet()) {
                Optional<RateTerms> terms = schedule.terms(e.getKey());
                if (terms.isEmpty()) {
                    continue;
                }
                long value = exact(BigInteger.valueOf(e.getValue()).multiply(BigInteger.valueOf(terms.get().rate()))
                        .divide(BigInteger.valueOf(terms.get().unit())), "earnings of " + provider);
                earned = add(earned, value);
                capped = add(capped, Math.min(value, terms.get().cap()));
            }
            if (earned > 0) {
                earnings.put(provider, new Earnings(earned, capped));
            }
        });
        return earnings;
    }

    /** The pool split of docs/contracts.md §8.4. */
    private static List<NodeReward> split(RewardSchedule schedule, Map<Ed25519PublicKey, Earnings> earnings) {
        long total = earnings.values().stream().mapToLong(Earnings::capped).reduce(0, Settlement::add);
        long pool = schedule.pool();
        List<NodeReward> rewards = new ArrayList<>();
        if (total <= pool) {
            earnings.forEach((node, e) -> rewards.add(new NodeReward(node, e.earned(), e.capped(), e.capped(), 0)));
            return rewards;
        }
        BigInteger t = BigInteger.valueOf(total);
        Map<Ed25519PublicKey, BigInteger[]> shares = new TreeMap<>(KeyOrder.KEYS);
        long floors = 0;
        for (Map.Entry<Ed25519PublicKey, Earnings> e : earnings.entrySet()) {
            BigInteger[] qr = BigInteger.valueOf(pool).multiply(BigInteger.valueOf(e.getValue().capped())).divideAndRemainder(t);
            shares.put(e.getKey(), qr);
            floors += qr[0].longValueExact();
        }
        long dust = pool - floors;
        List<Ed25519PublicKey> byRemainder = new ArrayList<>(shares.keySet());
        byRemainder.sort(Comparator.comparing((Ed25519PublicKey node) -> shares.get(node)[1]).reversed()
                .thenComparing(KeyOrder.KEYS));
        List<Ed25519PublicKey> dustTakers = byRemainder.subList(0, (int) dust);
        earnings.forEach((node, e) -> {
            long share = dustTakers.contains(node) ? 1 : 0;
            rewards.add(new NodeReward(node, e.earned(), e.capped(), shares.get(node)[0].longValueExact() + share, share));
        });
        return rewards;
    }

    /** One payout per channel: a cooperative close if any, else the highest unilateral proof (§8.5). */
    private static List<ChannelPayout> payouts(List<ChannelClose> closes) {
        Map<ChannelId, ChannelClose> best = new TreeMap<>();
        for (ChannelClose close : closes) {
            best.merge(close.channelId(), close, Settlement::stronger);
        }
        return best.values().stream().map(close -> {
            ChannelTerms terms = close.open().terms();
            return new ChannelPayout(close.channelId(), terms.payer(), terms.payee(), terms.deposit(), close.paid());
        }).toList();
    }

    private static ChannelClose stronger(ChannelClose a, ChannelClose b) {
        boolean aCooperative = a instanceof ChannelClose.Cooperative;
        boolean bCooperative = b instanceof ChannelClose.Cooperative;
        if (aCooperative != bCooperative) {
            return aCooperative ? a : b;
        }
        return a.paid() >= b.paid() ? a : b;
    }

    private static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new ContractException("settlement: sum of " + a + " and " + b + " overflows 64 bits", e);
        }
    }

    private static long exact(BigInteger value, String what) {
        if (value.bitLength() > 63) {
            throw new ContractException("settlement: " + what + " " + value + " overflows 64 bits");
        }
        return value.longValue();
    }
}
