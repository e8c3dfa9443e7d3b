package io.smartshare.contracts.cose;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborException;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.identity.NodeId;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An untagged COSE_Sign1 (RFC 9052 §4.2) in this project's profile (docs/contracts.md §3):
 * protected header exactly {@code {1: -8}} (EdDSA), unprotected header {@code {4: kid}}
 * with the signer's node id, pure Ed25519 over the Sig_structure
 * {@code ["Signature1", protected, external_aad, payload]}, where the external_aad is the
 * document's {@link Domain}.
 *
 * <p>Decoding checks the structure only; {@link #verifiedBy} checks kid and signature.
 * Immutable.
 */
public final class CoseSign1 {
    private static final byte[] PROTECTED = {(byte) 0xa1, 0x01, 0x27};
    private static final String CONTEXT = "Signature1";
    private static final long KID = 4;

    private final Domain domain;
    private final byte[] kid;
    private final byte[] payload;
    private final byte[] signature;

    private CoseSign1(Domain domain, byte[] kid, byte[] payload, byte[] signature) {
        this.domain = domain;
        this.kid = kid;
        this.payload = payload;
        this.signature = signature;
    }

    /** Signs {@code payload} as a document of kind {@code domain} by {@code signer}. */
    public static CoseSign1 sign(Domain domain, byte[] payload, NodeIdentity signer) {
        byte[] copy = payload.clone();
        byte[] signature = signer.sign(toBeSigned(domain, copy));
        return new CoseSign1(domain, kidOf(signer.publicKey()), copy, signature);
    }

    /**
     * Reads a COSE_Sign1 of kind {@code domain} from its CBOR form.
     *
     * @throws ContractException naming the part that is not in this profile
     */
    public static CoseSign1 fromCbor(Domain domain, CborValue value) {
        String what = domain + " COSE_Sign1";
        List<CborValue> parts = CborFields.array(value, what, 4);
        if (!(parts.get(0) instanceof CborValue.Bytes p) || !Arrays.equals(p.value(), PROTECTED)) {
            throw new ContractException(what + ": protected header must be h'a10127' ({1: -8}), found " + parts.get(0));
        }
        if (!(parts.get(1) instanceof CborMap unprotected) || unprotected.size() != 1
                || !(unprotected.get(KID).orElse(CborValue.Null.NULL) instanceof CborValue.Bytes kid)) {
            throw new ContractException(what + ": unprotected header must be {4: kid}, found " + parts.get(1));
        }
        if (!(parts.get(2) instanceof CborValue.Bytes payload)) {
            throw new ContractException(what + ": payload must be a byte string, found " + parts.get(2));
        }
        if (!(parts.get(3) instanceof CborValue.Bytes signature) || signature.length() != Ed25519PublicKey.SIGNATURE_LENGTH) {
            throw new ContractException(what + ": signature must be a byte string of "
                    + Ed25519PublicKey.SIGNATURE_LENGTH + " bytes, found " + parts.get(3));
        }
        return new CoseSign1(domain, kid.value(), payload.value(), signature.value());
    }

    /** Like {@link #fromCbor} from the encoded bytes. */
    public static CoseSign1 decode(Domain domain, byte[] bytes) {
        return fromCbor(domain, CborFields.decode(bytes, domain + " COSE_Sign1"));
    }

    /**
     * Rebuilds a document from a ledger entry (docs/contracts.md §3): the Sig_structure the
     * signer signed, and the signature. The kid is derived from {@code signer}.
     *
     * @throws ContractException if {@code toBeSigned} is not a Sig_structure of this profile for
     *     {@code domain}
     */
    public static CoseSign1 fromToBeSigned(Domain domain, Ed25519PublicKey signer, byte[] toBeSigned, byte[] signature) {
        String what = domain + " Sig_structure";
        List<CborValue> parts = CborFields.array(CborFields.decode(toBeSigned, what), what, 4);
        if (!parts.get(0).equals(new CborValue.Text(CONTEXT))
                || !parts.get(1).equals(new CborValue.Bytes(PROTECTED))
                || !parts.get(2).equals(new CborValue.Bytes(domain.externalAad()))
                || !(parts.get(3) instanceof CborValue.Bytes payload)) {
            throw new ContractException(what + ": expected [\"Signature1\", h'a10127', '" + domain + "', payload], found "
                    + parts);
        }
        if (signature.length != Ed25519PublicKey.SIGNATURE_LENGTH) {
            throw new ContractException(what + ": signature must be " + Ed25519PublicKey.SIGNATURE_LENGTH
                    + " bytes, found " + signature.length);
        }
        return new CoseSign1(domain, kidOf(signer), payload.value(), signature.clone());
    }

    /**
     * The kind of document a ledger entry's statement is, if it is a Sig_structure of this
     * profile: lets a reader of the ledger route each receipt record to the right decoder.
     */
    public static Optional<Domain> domainOf(byte[] toBeSigned) {
        try {
            if (Cbor.decode(toBeSigned) instanceof CborValue.Array a && a.items().size() == 4
                    && a.items().get(2) instanceof CborValue.Bytes aad) {
                return Domain.ofExternalAad(aad.value());
            }
        } catch (CborException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The kid of {@code key}: the UTF-8 bytes of its node id. */
    static byte[] kidOf(Ed25519PublicKey key) {
        return NodeId.of(key).value().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] toBeSigned(Domain domain, byte[] payload) {
        return Cbor.encode(new CborValue.Array(List.of(new CborValue.Text(CONTEXT), new CborValue.Bytes(PROTECTED),
                new CborValue.Bytes(domain.externalAad()), new CborValue.Bytes(payload))));
    }

    /** True if the kid names {@code key}'s node id and the signature is {@code key}'s. */
    public boolean verifiedBy(Ed25519PublicKey key) {
        return kidNames(key) && key.verify(toBeSigned(), signature);
    }

    /** True if the kid is {@code key}'s node id (says nothing about the signature). */
    public boolean kidNames(Ed25519PublicKey key) {
        return Arrays.equals(kid, kidOf(key));
    }

    /** The Sig_structure bytes the signer signed. */
    public byte[] toBeSigned() {
        return toBeSigned(domain, payload);
    }

    /** The ledger entry recording this document as signed by {@code signer}. */
    public Receipt ledgerEntry(Ed25519PublicKey signer) {
        return new Receipt(signer, toBeSigned(), signature);
    }

    /** The CBOR array {@code [protected, {4: kid}, payload, signature]}. */
    public CborValue toCbor() {
        return new CborValue.Array(List.of(new CborValue.Bytes(PROTECTED),
                CborMap.builder().put(KID, new CborValue.Bytes(kid)).build(),
                new CborValue.Bytes(payload), new CborValue.Bytes(signature)));
    }

    /** The encoded COSE_Sign1, as sent on the wire. */
    public byte[] encode() {
        return Cbor.encode(toCbor());
    }

    public Domain domain() {
        return domain;
    }

    /** The signed payload bytes (a copy). */
    public byte[] payload() {
        return payload.clone();
    }

    /** The signature (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoseSign1 c && domain == c.domain && Arrays.equals(kid, c.kid)
                && Arrays.equals(payload, c.payload) && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "CoseSign1[" + domain + ", kid=" + new String(kid, StandardCharsets.UTF_8) + ", payload=" + payload.length
                + " bytes]";
    }
}
