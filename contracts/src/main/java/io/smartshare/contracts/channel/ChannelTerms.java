package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What both sides sign to open a channel (docs/contracts.md §6.1): {@code payer} locks
 * {@code deposit} micro-tokens for {@code payee}, and may agree a price for the payee's
 * relaying, paid automatically as the payee serves it (§6.4).
 *
 * @param payer the node that pays
 * @param payee the node that is paid
 * @param deposit micro-tokens locked, {@code > 0}
 * @param nonce 16 random bytes chosen by the payer, so equal terms give distinct channels
 * @param price the relay price (field 5), empty for a channel paid by the operator only
 */
public record ChannelTerms(Ed25519PublicKey payer, Ed25519PublicKey payee, long deposit, byte[] nonce,
        Optional<RelayPrice> price) {
    /** Length of the nonce in bytes. */
    public static final int NONCE_LENGTH = 16;
    private static final String DOCUMENT = "channel open";

    public ChannelTerms {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(price, "price");
        nonce = nonce.clone();
        if (payer.equals(payee)) {
            throw new ContractException("channel open: payer and payee are the same key " + payer);
        }
        if (deposit <= 0) {
            throw new ContractException("channel open: deposit must be > 0, found " + deposit);
        }
        if (nonce.length != NONCE_LENGTH) {
            throw new ContractException("channel open: nonce must be " + NONCE_LENGTH + " bytes, found " + nonce.length);
        }
    }

    /** Terms with no relay price: the payer pays only when its operator says so. */
    public ChannelTerms(Ed25519PublicKey payer, Ed25519PublicKey payee, long deposit, byte[] nonce) {
        this(payer, payee, deposit, nonce, Optional.empty());
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The deterministic CBOR payload; field 5 only with a price, so unpriced terms keep their bytes. */
    public byte[] encode() {
        CborMap.Builder map = CborMap.builder().put(0, 1).put(1, payer.encoded()).put(2, payee.encoded())
                .put(3, deposit).put(4, nonce);
        price.ifPresent(p -> map.put(5, p.toCbor()));
        return Cbor.encode(map.build());
    }

    /** The channel id these terms define. */
    public ChannelId id() {
        return ChannelId.of(Arrays.copyOf(Sha256.of(encode()), ChannelId.LENGTH));
    }

    /**
     * Reads a payload.
     *
     * @throws ContractException naming the field that breaks docs/contracts.md §6.1
     */
    public static ChannelTerms decode(byte[] payload) {
        CborValue value = CborFields.decode(payload, DOCUMENT);
        boolean priced = value instanceof CborMap map && map.size() == 6;
        CborFields f = CborFields.of(value, DOCUMENT, priced ? 6 : 5);
        f.requireUint(0, "version", 1);
        return new ChannelTerms(f.publicKey(1, "payer"), f.publicKey(2, "payee"), f.uint(3, "deposit"),
                f.bytes(4, "nonce", NONCE_LENGTH),
                priced ? Optional.of(RelayPrice.fromCbor(f.value(5), DOCUMENT)) : Optional.empty());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelTerms t && payer.equals(t.payer) && payee.equals(t.payee) && deposit == t.deposit
                && Arrays.equals(nonce, t.nonce) && price.equals(t.price);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payer, payee, deposit, Arrays.hashCode(nonce), price);
    }

    @Override
    public String toString() {
        return "ChannelTerms[payer=" + payer + ", payee=" + payee + ", deposit=" + deposit
                + price.map(p -> ", " + p).orElse("") + "]";
    }
}
