package io.smartshare.contracts.channel;

/** Why a channel message was rejected (docs/contracts.md §6.2); the channel is unchanged. */
public enum ChannelRejection {
    /** Not a message of docs/contracts.md §3 and §6.1. */
    MALFORMED,
    /** The message is for another channel. */
    WRONG_CHANNEL,
    /** The message is not signed by the party that must sign it. */
    WRONG_SIGNER,
    /** The signature does not verify. */
    BAD_SIGNATURE,
    /** The channel is closed. */
    CLOSED,
    /** The proof does not pay more than the latest one accepted (a replay is stale too). */
    STALE,
    /** The proof pays more than the deposit. */
    OVER_DEPOSIT,
    /** A cooperative close names another final amount than the latest proof held. */
    FINAL_MISMATCH,
    /**
     * A priced channel's proof pays what the payee's own meter says is not owed within the
     * receipt tolerance, or its open starts the price above the payee's reading (§6.4).
     */
    BEYOND_TOLERANCE,
    /** A priced channel's open pays less per byte than the payee asks for relaying (§6.4). */
    BELOW_PRICE
}
