package io.smartshare.contracts.cose;

import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a node appends to its ledger for a document a counterparty signed: exactly the
 * fields of ledger-lite's receipt record, {@code (counterparty, statement, signature)},
 * where {@code statement} is the COSE ToBeSigned bytes (docs/contracts.md §3). The
 * document is rebuilt from it with {@link CoseSign1#fromToBeSigned}.
 */
public final class LedgerEntry {
    private final Ed25519PublicKey counterparty;
    private final byte[] statement;
    private final byte[] signature;

    LedgerEntry(Ed25519PublicKey counterparty, byte[] statement, byte[] signature) {
        this.counterparty = Objects.requireNonNull(counterparty, "counterparty");
        this.statement = statement.clone();
        this.signature = signature.clone();
    }

    /** The key that signed {@link #statement()}. */
    public Ed25519PublicKey counterparty() {
        return counterparty;
    }

    /** The signed bytes: the COSE Sig_structure (a copy). */
    public byte[] statement() {
        return statement.clone();
    }

    /** The 64-byte Ed25519 signature (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LedgerEntry e && counterparty.equals(e.counterparty) && Arrays.equals(statement, e.statement)
                && Arrays.equals(signature, e.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(counterparty, Arrays.hashCode(statement), Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "LedgerEntry[counterparty=" + counterparty + ", statement=" + statement.length + " bytes]";
    }
}
