package io.smartshare.ledger.record;

import io.smartshare.ledger.cbor.CborWriter;
import io.smartshare.ledger.cbor.CborReader;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A statement signed by the counterparty that received a service. Its meaning belongs to
 * the contracts module; the ledger guarantees only that {@code signature} is the
 * counterparty's valid Ed25519 signature of {@code statement}: a {@code Receipt} with a bad
 * signature cannot be constructed or decoded.
 */
public final class Receipt implements RecordBody {
    /** The type code of this body. */
    public static final int TYPE = 2;

    private final Ed25519PublicKey counterparty;
    private final byte[] statement;
    private final byte[] signature;

    /**
     * @throws RecordException if {@code signature} is not the counterparty's signature of
     *     {@code statement}
     */
    public Receipt(Ed25519PublicKey counterparty, byte[] statement, byte[] signature) {
        this.counterparty = Objects.requireNonNull(counterparty, "counterparty");
        this.statement = statement.clone();
        this.signature = signature.clone();
        if (!counterparty.verify(this.statement, this.signature)) {
            throw new RecordException("receipt: field signature: not a valid signature of the statement by "
                    + counterparty);
        }
    }

    public Ed25519PublicKey counterparty() {
        return counterparty;
    }

    /** The signed statement (a copy). */
    public byte[] statement() {
        return statement.clone();
    }

    /** The counterparty's signature (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    @Override
    public void write(CborWriter w) {
        w.writeMapHeader(3).writeUint(0).writeBytes(counterparty.encoded()).writeUint(1).writeBytes(statement)
                .writeUint(2).writeBytes(signature);
    }

    static Receipt read(CborReader reader) {
        Fields f = Fields.of(reader, "receipt", 3);
        return new Receipt(f.publicKey("counterparty"), f.bytes("statement", -1),
                f.bytes("signature", Ed25519PublicKey.SIGNATURE_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r && counterparty.equals(r.counterparty) && Arrays.equals(statement, r.statement)
                && Arrays.equals(signature, r.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counterparty, Arrays.hashCode(statement), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "Receipt[counterparty=" + counterparty + ", statement=" + statement.length + " bytes]";
    }
}
