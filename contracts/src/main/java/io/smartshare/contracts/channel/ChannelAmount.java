package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import java.util.Objects;

/**
 * The payload of a balance proof and of a cooperative close (docs/contracts.md §6.1):
 * {@code {0: 1, 1: channel id, 2: paid}}. The two are told apart by their signature domain.
 *
 * @param channel the channel the amount is for
 * @param paid cumulative micro-tokens owed to the payee, {@code >= 0}
 */
public record ChannelAmount(ChannelId channel, long paid) {
    public ChannelAmount {
        Objects.requireNonNull(channel, "channel");
        if (paid < 0) {
            throw new ContractException("channel " + channel + ": paid must be >= 0, found " + paid);
        }
    }

    /** The deterministic CBOR payload. */
    public byte[] encode() {
        return Cbor.encode(CborMap.builder().put(0, 1).put(1, channel.bytes()).put(2, paid).build());
    }

    /**
     * Reads a payload of a {@code document} (named in the error).
     *
     * @throws ContractException naming the field that breaks docs/contracts.md §6.1
     */
    public static ChannelAmount decode(byte[] payload, String document) {
        CborFields f = CborFields.of(CborFields.decode(payload, document), document, 3);
        f.requireUint(0, "version", 1);
        return new ChannelAmount(ChannelId.of(f.bytes(1, "channel id", ChannelId.LENGTH)), f.uint(2, "paid"));
    }
}
