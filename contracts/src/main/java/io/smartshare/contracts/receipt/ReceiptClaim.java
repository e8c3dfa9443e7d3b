package io.smartshare.contracts.receipt;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a consumer states in a receipt (docs/contracts.md §4.1): {@code provider} has served
 * it {@code amount} of {@code resource} in total, as metered up to {@code endMillis}.
 *
 * @param provider the node that provided the service
 * @param consumer the node that received it and signs the receipt
 * @param resource the resource
 * @param amount cumulative amount since the pair first met, {@code >= 0}
 * @param startMillis start of the metering interval
 * @param endMillis end of the metering interval, {@code > startMillis}
 * @param nonce 16 random bytes chosen by the consumer
 * @param consumerCheckpoint the consumer's latest ledger checkpoint
 */
public record ReceiptClaim(Ed25519PublicKey provider, Ed25519PublicKey consumer, Resource resource, long amount,
        long startMillis, long endMillis, byte[] nonce, CheckpointRef consumerCheckpoint) {
    /** Length of the nonce in bytes. */
    public static final int NONCE_LENGTH = 16;
    private static final String DOCUMENT = "receipt";

    public ReceiptClaim {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(consumerCheckpoint, "consumerCheckpoint");
        nonce = nonce.clone();
        if (amount < 0) {
            throw new ContractException("receipt: amount must be >= 0, found " + amount);
        }
        if (startMillis < 0 || startMillis >= endMillis) {
            throw new ContractException("receipt: interval start " + startMillis + " must be >= 0 and before end "
                    + endMillis);
        }
        if (nonce.length != NONCE_LENGTH) {
            throw new ContractException("receipt: nonce must be " + NONCE_LENGTH + " bytes, found " + nonce.length);
        }
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The deterministic CBOR payload. */
    public byte[] encode() {
        return Cbor.encode(CborMap.builder()
                .put(0, 1)
                .put(1, provider.encoded())
                .put(2, consumer.encoded())
                .put(3, resource.code())
                .put(4, amount)
                .put(5, startMillis)
                .put(6, endMillis)
                .put(7, nonce)
                .put(8, consumerCheckpoint.size())
                .put(9, consumerCheckpoint.root())
                .build());
    }

    /**
     * Reads a payload.
     *
     * @throws ContractException naming the field that breaks docs/contracts.md §4.1
     */
    public static ReceiptClaim decode(byte[] payload) {
        CborFields f = CborFields.of(CborFields.decode(payload, DOCUMENT), DOCUMENT, 10);
        f.requireUint(0, "version", 1);
        long code = f.uint(3, "resource");
        Resource resource = Resource.ofCode(code)
                .orElseThrow(() -> new ContractException("receipt: field 3 (resource): unknown code " + code));
        return new ReceiptClaim(f.publicKey(1, "provider"), f.publicKey(2, "consumer"), resource, f.uint(4, "amount"),
                f.uint(5, "start"), f.uint(6, "end"), f.bytes(7, "nonce", NONCE_LENGTH),
                CheckpointRef.of(f.uint(8, "checkpoint size"), f.bytes(9, "checkpoint root", CheckpointRef.ROOT_LENGTH)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiptClaim c && provider.equals(c.provider) && consumer.equals(c.consumer)
                && resource == c.resource && amount == c.amount && startMillis == c.startMillis
                && endMillis == c.endMillis && Arrays.equals(nonce, c.nonce)
                && consumerCheckpoint.equals(c.consumerCheckpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, consumer, resource, amount, startMillis, endMillis, Arrays.hashCode(nonce),
                consumerCheckpoint);
    }

    @Override
    public String toString() {
        return "ReceiptClaim[" + resource + " " + amount + " provider=" + provider + " consumer=" + consumer
                + " interval=[" + startMillis + ", " + endMillis + ") nonce=" + HexFormat.of().formatHex(nonce) + "]";
    }
}
