package io.smartshare.node.rewards;

/** What the rewards service publishes on the node's event bus, once the ledger holds it. */
public sealed interface RewardsEvent {
    /**
     * This node, as consumer, signed a receipt for what a neighbour provided.
     *
     * @param provider the provider's node id
     * @param resource the resource's name ({@code relay.down}, ...)
     * @param amount the amount in the resource's unit
     */
    record ReceiptIssued(String provider, String resource, long amount) implements RewardsEvent {
    }

    /**
     * This node, as provider, accepted a receipt and recorded it at ledger entry {@code seq}.
     *
     * @param consumer the consumer's node id
     */
    record ReceiptAccepted(String consumer, String resource, long amount, long seq) implements RewardsEvent {
    }

    /**
     * One of this node's payment channels changed: {@code opened}, {@code paid} or {@code closed}.
     *
     * @param channel the channel id
     * @param status the channel's status afterwards
     * @param paid the cumulative amount paid on it
     * @param seq the ledger entry that records it
     */
    record ChannelChanged(String channel, String change, String status, long paid, long seq) implements RewardsEvent {
    }
}
