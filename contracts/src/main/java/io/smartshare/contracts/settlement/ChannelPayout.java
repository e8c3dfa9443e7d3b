package io.smartshare.contracts.settlement;

import io.smartshare.contracts.channel.ChannelId;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Objects;

/**
 * A channel paid out at the end of the epoch it was closed in (docs/contracts.md §8.5):
 * the payee receives {@code paid}, the payer gets {@link #refund()} back.
 *
 * @param channel the channel id
 * @param payer the payer
 * @param payee the payee
 * @param deposit the deposit locked at open
 * @param paid micro-tokens to the payee, {@code <= deposit}
 */
public record ChannelPayout(ChannelId channel, Ed25519PublicKey payer, Ed25519PublicKey payee, long deposit, long paid) {
    public ChannelPayout {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
    }

    /** What returns to the payer: {@code deposit - paid}. */
    public long refund() {
        return deposit - paid;
    }
}
