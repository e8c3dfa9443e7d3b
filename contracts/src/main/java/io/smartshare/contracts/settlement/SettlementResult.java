package io.smartshare.contracts.settlement;

import io.smartshare.contracts.Sha256;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of settling one epoch (docs/contracts.md §8.6). Every list is in canonical
 * order, so {@link #encode()} is the same bytes on every node for the same inputs, and
 * {@link #hash()} is what nodes compare. {@code Σ reward + unallocated == pool} always.
 * Immutable.
 */
public final class SettlementResult {
    private final long epoch;
    private final byte[] scheduleId;
    private final long pool;
    private final List<NodeReward> rewards;
    private final long unallocated;
    private final long dust;
    private final List<ChannelPayout> channels;
    private final List<Mark> marks;
    private final List<MemberCheckpoint> checkpoints;
    private final List<Exclusion> exclusions;

    SettlementResult(long epoch, byte[] scheduleId, long pool, List<NodeReward> rewards, long unallocated, long dust,
            List<ChannelPayout> channels, List<Mark> marks, List<MemberCheckpoint> checkpoints,
            List<Exclusion> exclusions) {
        this.epoch = epoch;
        this.scheduleId = scheduleId.clone();
        this.pool = pool;
        this.rewards = List.copyOf(rewards);
        this.unallocated = unallocated;
        this.dust = dust;
        this.channels = List.copyOf(channels);
        this.marks = List.copyOf(marks);
        this.checkpoints = List.copyOf(checkpoints);
        this.exclusions = List.copyOf(exclusions);
    }

    public long epoch() {
        return epoch;
    }

    /** SHA-256 of the schedule payload the epoch was settled under (a copy). */
    public byte[] scheduleId() {
        return scheduleId.clone();
    }

    /** Micro-tokens the schedule made available for the epoch. */
    public long pool() {
        return pool;
    }

    /** One line per node that earned anything, by node key. */
    public List<NodeReward> rewards() {
        return rewards;
    }

    /** The reward line of {@code node}, if it earned anything. */
    public Optional<NodeReward> reward(Ed25519PublicKey node) {
        return rewards.stream().filter(r -> r.node().equals(node)).findFirst();
    }

    /** Pool micro-tokens not paid out (the pool was not exhausted); returned to the issuer. */
    public long unallocated() {
        return unallocated;
    }

    /** Micro-tokens of rounding remainder handed out one each by largest remainder. */
    public long dust() {
        return dust;
    }

    /** Channels paid out, by channel id. */
    public List<ChannelPayout> channels() {
        return channels;
    }

    /** The marks to pass to the next epoch as its previous marks, in canonical order. */
    public List<Mark> marks() {
        return marks;
    }

    /** The members' checkpoints the epoch was settled on, by node key. */
    public List<MemberCheckpoint> checkpoints() {
        return checkpoints;
    }

    /** Receipts that counted zero, with reasons (not part of {@link #encode()}). */
    public List<Exclusion> exclusions() {
        return exclusions;
    }

    /** The canonical CBOR encoding of docs/contracts.md §8.6. */
    public byte[] encode() {
        return Cbor.encode(CborMap.builder()
                .put(0, 1)
                .put(1, epoch)
                .put(2, scheduleId)
                .put(3, pool)
                .put(4, array(rewards.stream().map(r -> array(List.of(key(r.node()), num(r.earned()), num(r.capped()),
                        num(r.reward()), num(r.dustShare())))).toList()))
                .put(5, unallocated)
                .put(6, dust)
                .put(7, array(channels.stream().map(c -> array(List.of(new CborValue.Bytes(c.channel().bytes()),
                        key(c.payer()), key(c.payee()), num(c.deposit()), num(c.paid())))).toList()))
                .put(8, array(marks.stream().map(m -> array(List.of(key(m.provider()), key(m.consumer()),
                        num(m.resource().code()), num(m.amount())))).toList()))
                .put(9, array(checkpoints.stream().map(c -> array(List.of(key(c.node()), num(c.checkpoint().size()),
                        new CborValue.Bytes(c.checkpoint().root())))).toList()))
                .build());
    }

    /** The settlement hash: SHA-256 of {@link #encode()}. */
    public byte[] hash() {
        return Sha256.of(encode());
    }

    private static CborValue array(List<CborValue> items) {
        return new CborValue.Array(items);
    }

    private static CborValue key(Ed25519PublicKey key) {
        return new CborValue.Bytes(key.encoded());
    }

    private static CborValue num(long value) {
        return new CborValue.Int(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettlementResult r && Arrays.equals(encode(), r.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash());
    }

    @Override
    public String toString() {
        return "SettlementResult[epoch=" + epoch + ", rewards=" + rewards.size() + ", unallocated=" + unallocated
                + ", dust=" + dust + ", hash=" + HexFormat.of().formatHex(hash()) + "]";
    }
}
