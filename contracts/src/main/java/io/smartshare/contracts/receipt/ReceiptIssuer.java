package io.smartshare.contracts.receipt;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.KeyOrder;
import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The consumer side of receipts (docs/contracts.md §4.4): from the node's
 * {@link Role#CONSUMED} counters, signs one receipt per (provider, resource) whose counter
 * rose since the last receipt. Immutable: {@link #issue} returns the next issuer.
 */
public final class ReceiptIssuer {
    /** The receipts to send, one per provider and resource, and the issuer to keep. */
    public record Issued(ReceiptIssuer issuer, List<SignedReceipt> receipts) {
        public Issued {
            Objects.requireNonNull(issuer, "issuer");
            receipts = List.copyOf(receipts);
        }
    }

    private record Signed(long amount, long endMillis) {
    }

    private record Slot(Ed25519PublicKey provider, Resource resource) {
    }

    private static final Comparator<MeterKey> ORDER =
            Comparator.comparing(MeterKey::peer, KeyOrder.KEYS).thenComparing(MeterKey::resource);

    private final long startMillis;
    private final Map<Slot, Signed> last;

    private ReceiptIssuer(long startMillis, Map<Slot, Signed> last) {
        this.startMillis = startMillis;
        this.last = last;
    }

    /** An issuer that has signed nothing; first intervals start at {@code startMillis}. */
    public static ReceiptIssuer startingAt(long startMillis) {
        return new ReceiptIssuer(startMillis, Map.of());
    }

    /** An issuer that continues after {@code issued}, the receipts it signed before a restart. */
    public static ReceiptIssuer resume(long startMillis, Collection<SignedReceipt> issued) {
        Map<Slot, Signed> last = new HashMap<>();
        for (SignedReceipt r : issued) {
            ReceiptClaim c = r.claim();
            last.merge(new Slot(c.provider(), c.resource()), new Signed(c.amount(), c.endMillis()),
                    (a, b) -> a.amount() >= b.amount() ? a : b);
        }
        return new ReceiptIssuer(startMillis, Map.copyOf(last));
    }

    /**
     * Signs, as {@code consumer}, a receipt for every provider and resource whose consumed
     * counter in {@code meter} rose above the amount last signed, in canonical order
     * (provider key, then resource).
     *
     * @param meter this node's counters now
     * @param ownCheckpoint this node's latest ledger checkpoint
     * @param consumer this node's identity
     * @param random source of nonces (a {@code SecureRandom} in production)
     */
    public Issued issue(MeterSnapshot meter, CheckpointRef ownCheckpoint, NodeIdentity consumer, RandomGenerator random) {
        List<MeterKey> due = meter.counters().keySet().stream()
                .filter(k -> k.role() == Role.CONSUMED && !k.peer().equals(consumer.publicKey()))
                .sorted(ORDER)
                .toList();
        Map<Slot, Signed> next = new HashMap<>(last);
        List<SignedReceipt> receipts = new ArrayList<>();
        for (MeterKey key : due) {
            Slot slot = new Slot(key.peer(), key.resource());
            Signed previous = last.getOrDefault(slot, new Signed(0, startMillis));
            long amount = meter.amount(key);
            if (amount <= previous.amount() || meter.atMillis() <= previous.endMillis()) {
                continue;
            }
            byte[] nonce = new byte[ReceiptClaim.NONCE_LENGTH];
            random.nextBytes(nonce);
            ReceiptClaim claim = new ReceiptClaim(key.peer(), consumer.publicKey(), key.resource(), amount,
                    previous.endMillis(), meter.atMillis(), nonce, ownCheckpoint);
            receipts.add(SignedReceipt.sign(claim, consumer));
            next.put(slot, new Signed(amount, meter.atMillis()));
        }
        return new Issued(new ReceiptIssuer(startMillis, Map.copyOf(next)), receipts);
    }
}
