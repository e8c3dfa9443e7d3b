package io.smartshare.contracts.storage;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Sha256;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What owner and holder sign to store content (docs/contracts.md §16.1): the holder keeps the
 * {@code size} bytes whose RFC 6962 root over {@code leafSize}-byte leaves is {@code root}
 * (the owner's encrypted file) from {@code start} to {@code end}, answers audits every
 * {@code auditSeconds}, and is paid {@code price} for the byte-hours it held.
 *
 * @param owner the node whose content it is, and who pays
 * @param holder the node that keeps it
 * @param root the RFC 6962 Merkle root over the content's leaves (32 bytes)
 * @param size the content's length in bytes, {@code > 0}
 * @param leafSize bytes per leaf (the last may be shorter), a power of two from 256 to 65,536
 * @param start when the term begins, Unix seconds
 * @param end when it ends, Unix seconds, after {@code start}
 * @param price what a byte-hour held costs
 * @param auditSeconds the mean time between two audits, 1 s to 30 days
 * @param nonce 16 random bytes chosen by the owner, so equal terms give distinct agreements
 */
public record StorageTerms(Ed25519PublicKey owner, Ed25519PublicKey holder, byte[] root, long size, int leafSize,
        long start, long end, StoragePrice price, long auditSeconds, byte[] nonce) {
    /** Length of the nonce in bytes. */
    public static final int NONCE_LENGTH = 16;
    /** Length of an agreement id in bytes. */
    public static final int ID_LENGTH = 16;
    /** The leaf size the owner's client uses. */
    public static final int DEFAULT_LEAF_SIZE = 4_096;
    private static final int ROOT_LENGTH = 32;
    private static final long MAX_AUDIT_SECONDS = 30L * 86_400;
    private static final String DOCUMENT = "storage agreement";

    public StorageTerms {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(price, "price");
        root = root.clone();
        nonce = nonce.clone();
        if (owner.equals(holder)) {
            throw new ContractException(DOCUMENT + ": owner and holder are the same key " + owner);
        }
        if (root.length != ROOT_LENGTH) {
            throw new ContractException(DOCUMENT + ": root must be " + ROOT_LENGTH + " bytes, found " + root.length);
        }
        if (size <= 0) {
            throw new ContractException(DOCUMENT + ": size must be > 0, found " + size);
        }
        if (leafSize < 256 || leafSize > 65_536 || Integer.bitCount(leafSize) != 1) {
            throw new ContractException(DOCUMENT + ": leaf size must be a power of two from 256 to 65536, found "
                    + leafSize);
        }
        if (start < 0 || end <= start) {
            throw new ContractException(DOCUMENT + ": the term must end after it starts, found " + start + " to " + end);
        }
        if (auditSeconds < 1 || auditSeconds > MAX_AUDIT_SECONDS) {
            throw new ContractException(DOCUMENT + ": audit interval must be 1 to " + MAX_AUDIT_SECONDS
                    + " seconds, found " + auditSeconds);
        }
        if (nonce.length != NONCE_LENGTH) {
            throw new ContractException(DOCUMENT + ": nonce must be " + NONCE_LENGTH + " bytes, found " + nonce.length);
        }
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /** The number of leaves: {@code ⌈size ÷ leafSize⌉}. */
    public long leaves() {
        return (size + leafSize - 1) / leafSize;
    }

    /** The length of leaf {@code index}: {@code leafSize}, or what is left for the last one. */
    public int leafLength(long index) {
        if (index < 0 || index >= leaves()) {
            throw new ContractException(DOCUMENT + ": no leaf " + index + " of " + leaves());
        }
        return index < leaves() - 1 ? leafSize : (int) (size - (leaves() - 1) * leafSize);
    }

    /** The deterministic CBOR payload both parties sign. */
    public byte[] encode() {
        return Cbor.encode(CborMap.builder().put(0, 1).put(1, owner.encoded()).put(2, holder.encoded()).put(3, root)
                .put(4, size).put(5, leafSize).put(6, start).put(7, end)
                .put(8, new CborValue.Array(List.of(new CborValue.Int(price.rate()), new CborValue.Int(price.unit()))))
                .put(9, auditSeconds).put(10, nonce).build());
    }

    /** The agreement's id: the first 16 bytes of SHA-256 of the payload. */
    public byte[] id() {
        return Arrays.copyOf(Sha256.of(encode()), ID_LENGTH);
    }

    /** The id in lower-case hex, as documents and commands show it. */
    public String idHex() {
        return HexFormat.of().formatHex(id());
    }

    /**
     * Reads a payload.
     *
     * @throws ContractException naming the field that breaks docs/contracts.md §16.1
     */
    public static StorageTerms decode(byte[] payload) {
        CborFields f = CborFields.of(CborFields.decode(payload, DOCUMENT), DOCUMENT, 11);
        f.requireUint(0, "version", 1);
        List<CborValue> price = CborFields.array(f.value(8), DOCUMENT + " price", 2);
        long leafSize = f.uint(5, "leaf size");
        if (leafSize > Integer.MAX_VALUE) {
            throw new ContractException(DOCUMENT + ": leaf size " + leafSize + " is too large");
        }
        return new StorageTerms(f.publicKey(1, "owner"), f.publicKey(2, "holder"), f.bytes(3, "root", ROOT_LENGTH),
                f.uint(4, "size"), (int) leafSize, f.uint(6, "start"), f.uint(7, "end"),
                new StoragePrice(CborFields.uintItem(price.get(0), "price rate"),
                        CborFields.uintItem(price.get(1), "price unit")),
                f.uint(9, "audit interval"), f.bytes(10, "nonce", NONCE_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageTerms t && Arrays.equals(encode(), t.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "StorageTerms[" + idHex() + ", owner=" + owner + ", holder=" + holder + ", size=" + size + ", leaves="
                + leaves() + ", " + start + ".." + end + ", " + price + ", audit every " + auditSeconds + " s]";
    }
}
