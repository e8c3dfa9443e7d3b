package io.smartshare.contracts.receipt;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Outcome;
import io.smartshare.ledger.record.Receipt;
import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider's record of the latest receipt accepted from each consumer for each
 * resource, and the validator of new ones (docs/contracts.md §4.2). Immutable: accepting
 * returns a new book; a rejection leaves the caller holding the unchanged one.
 */
public final class ReceiptBook {
    /** An accepted receipt: the new book, and what to append to the provider's ledger. */
    public record Acceptance(ReceiptBook book, SignedReceipt receipt, Receipt ledgerEntry) {
        public Acceptance {
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(ledgerEntry, "ledgerEntry");
        }
    }

    private record Slot(Ed25519PublicKey consumer, Resource resource) {
    }

    private final Ed25519PublicKey provider;
    /**
     * How far a receipt's interval may end after the provider's clock (the time of its meter
     * reading): the clock skew two nodes are allowed (docs/contracts.md §4.2).
     */
    public static final long MAX_CLOCK_AHEAD_MILLIS = 60_000;

    private final Map<Resource, Tolerance> tolerances;
    private final Map<Slot, SignedReceipt> latest;

    private ReceiptBook(Ed25519PublicKey provider, Map<Resource, Tolerance> tolerances, Map<Slot, SignedReceipt> latest) {
        this.provider = provider;
        this.tolerances = tolerances;
        this.latest = latest;
    }

    /** An empty book for the node with key {@code provider}, with one tolerance for every resource. */
    public static ReceiptBook empty(Ed25519PublicKey provider, Tolerance tolerance) {
        Objects.requireNonNull(tolerance, "tolerance");
        Map<Resource, Tolerance> all = new EnumMap<>(Resource.class);
        for (Resource r : Resource.values()) {
            all.put(r, tolerance);
        }
        return empty(provider, all);
    }

    /**
     * An empty book for the node with key {@code provider}, with a tolerance per resource
     * (slacks are in each resource's unit).
     *
     * @throws ContractException if a resource has no tolerance
     */
    public static ReceiptBook empty(Ed25519PublicKey provider, Map<Resource, Tolerance> tolerances) {
        for (Resource r : Resource.values()) {
            if (!tolerances.containsKey(r)) {
                throw new ContractException("receipt book: no tolerance for resource " + r);
            }
        }
        return new ReceiptBook(Objects.requireNonNull(provider, "provider"), Map.copyOf(tolerances), Map.of());
    }

    /**
     * Checks a receipt as received from the wire against this book and this node's own
     * meter ({@code ownMeter}, the {@link Role#PROVIDED} counters read now): the amount must be
     * within the resource's tolerance of the meter, except that a {@link Resource#STORAGE} or
     * {@link Resource#CPU} receipt may claim less than metered (an owner pays only the periods
     * whose audits passed, a consumer only the jobs whose results it verified:
     * {@link Resource#paidAsVerified()}, docs/contracts.md §16.3, §17.3).
     */
    public Outcome<Acceptance, ReceiptRejection> accept(byte[] wire, MeterSnapshot ownMeter) {
        SignedReceipt receipt;
        try {
            receipt = SignedReceipt.decode(wire);
        } catch (ContractException e) {
            return Outcome.rejected(ReceiptRejection.MALFORMED, e.getMessage());
        }
        return accept(receipt, ownMeter);
    }

    /** Like {@link #accept(byte[], MeterSnapshot)} for a decoded receipt. */
    public Outcome<Acceptance, ReceiptRejection> accept(SignedReceipt receipt, MeterSnapshot ownMeter) {
        ReceiptClaim claim = receipt.claim();
        Optional<Outcome<Acceptance, ReceiptRejection>> rejection = checkHistory(receipt);
        if (rejection.isPresent()) {
            return rejection.get();
        }
        if (claim.endMillis() > ownMeter.atMillis() + MAX_CLOCK_AHEAD_MILLIS) {
            return Outcome.rejected(ReceiptRejection.FUTURE_INTERVAL, "receipt from " + claim.consumer()
                    + ": interval ends at " + claim.endMillis() + ", more than " + MAX_CLOCK_AHEAD_MILLIS
                    + " ms after this node's clock (" + ownMeter.atMillis() + ")");
        }
        if (!ownMeter.knows(claim.consumer(), Role.PROVIDED)) {
            return Outcome.rejected(ReceiptRejection.UNKNOWN_CONSUMER, "receipt from " + claim.consumer()
                    + ": this node has metered no service to that consumer");
        }
        long metered = ownMeter.amount(claim.consumer(), claim.resource(), Role.PROVIDED);
        Tolerance tolerance = tolerances.get(claim.resource());
        boolean verifiedUnderclaim = claim.resource().paidAsVerified() && claim.amount() <= metered;
        if (!verifiedUnderclaim && !tolerance.allows(claim.amount(), metered)) {
            return Outcome.rejected(ReceiptRejection.BEYOND_TOLERANCE, "receipt from " + claim.consumer() + ": "
                    + claim.resource() + " amount " + claim.amount() + " differs from own meter " + metered + " by "
                    + Math.abs(claim.amount() - metered) + ", tolerance " + tolerance.around(metered));
        }
        ReceiptBook next = with(receipt);
        return Outcome.accepted(new Acceptance(next, receipt, receipt.ledgerEntry()));
    }

    /**
     * This book with a receipt re-read from this node's own ledger (after a restart): all
     * checks of {@link #accept} except the meter ones, which applied when it was first accepted.
     *
     * @throws ContractException naming the reason if the receipt fails a check
     */
    public ReceiptBook restore(SignedReceipt receipt) {
        checkHistory(receipt).ifPresent(Outcome::orElseThrow);
        return with(receipt);
    }

    /** The latest accepted receipt from {@code consumer} for {@code resource}. */
    public Optional<SignedReceipt> latest(Ed25519PublicKey consumer, Resource resource) {
        return Optional.ofNullable(latest.get(new Slot(consumer, resource)));
    }

    /** Number of (consumer, resource) pairs with an accepted receipt. */
    public int size() {
        return latest.size();
    }

    private ReceiptBook with(SignedReceipt receipt) {
        Map<Slot, SignedReceipt> next = new HashMap<>(latest);
        next.put(new Slot(receipt.claim().consumer(), receipt.claim().resource()), receipt);
        return new ReceiptBook(provider, tolerances, Map.copyOf(next));
    }

    private Optional<Outcome<Acceptance, ReceiptRejection>> checkHistory(SignedReceipt receipt) {
        ReceiptClaim claim = receipt.claim();
        String from = "receipt from " + claim.consumer() + " for " + claim.resource();
        if (!receipt.isAuthentic()) {
            return reject(ReceiptRejection.BAD_SIGNATURE, from + ": kid or signature is not the consumer's");
        }
        if (!claim.provider().equals(provider)) {
            return reject(ReceiptRejection.WRONG_PROVIDER, from + ": names provider " + claim.provider()
                    + ", this node is " + provider);
        }
        if (claim.consumer().equals(provider)) {
            return reject(ReceiptRejection.SELF_SIGNED, from + ": consumer is this node itself");
        }
        Optional<ReceiptClaim> last = latest(claim.consumer(), claim.resource()).map(SignedReceipt::claim);
        if (last.isPresent() && claim.amount() == last.get().amount()) {
            return reject(ReceiptRejection.REPLAY, from + ": amount " + claim.amount() + " was already accepted");
        }
        if (last.isPresent() && claim.amount() < last.get().amount()) {
            return reject(ReceiptRejection.DECREASING, from + ": amount " + claim.amount()
                    + " is below the last accepted " + last.get().amount());
        }
        if (last.isPresent() && claim.startMillis() < last.get().endMillis()) {
            return reject(ReceiptRejection.BAD_INTERVAL, from + ": interval starts at " + claim.startMillis()
                    + ", before the end of the last accepted one at " + last.get().endMillis());
        }
        return Optional.empty();
    }

    private static Optional<Outcome<Acceptance, ReceiptRejection>> reject(ReceiptRejection reason, String detail) {
        return Optional.of(Outcome.rejected(reason, detail));
    }
}
