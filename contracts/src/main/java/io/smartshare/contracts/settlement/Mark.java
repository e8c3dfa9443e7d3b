package io.smartshare.contracts.settlement;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.KeyOrder;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Comparator;
import java.util.Objects;

/**
 * The highest cumulative amount settled so far for one {@code (provider, consumer,
 * resource)} (docs/contracts.md §8.3). An epoch pays only the increase over the previous
 * epoch's mark, so a receipt seen twice is paid once.
 *
 * @param provider the provider
 * @param consumer the consumer that signed the receipts
 * @param resource the resource
 * @param amount the mark, {@code >= 0}
 */
public record Mark(Ed25519PublicKey provider, Ed25519PublicKey consumer, Resource resource, long amount) {
    /** The triple a mark is kept for. */
    record Key(Ed25519PublicKey provider, Ed25519PublicKey consumer, Resource resource) {
        /** Canonical order: provider key, consumer key, resource code. */
        static final Comparator<Key> ORDER = Comparator.comparing(Key::provider, KeyOrder.KEYS)
                .thenComparing(Key::consumer, KeyOrder.KEYS)
                .thenComparingInt(k -> k.resource().code());
    }

    public Mark {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(resource, "resource");
        if (amount < 0) {
            throw new ContractException("mark " + resource + " " + provider + " <- " + consumer + ": amount must be >= 0, found "
                    + amount);
        }
    }

    Key key() {
        return new Key(provider, consumer, resource);
    }
}
