package io.smartshare.contracts.cose;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import io.smartshare.ledger.record.Receipt;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One payload signed by both parties of a two-party document (a channel's open and close, a
 * storage agreement): the record {@code [first COSE_Sign1, second COSE_Sign1]}, the first
 * party's (the payer, the owner) first.
 */
public record CoSigned(CoseSign1 byFirst, CoseSign1 bySecond) {
    public CoSigned {
        Objects.requireNonNull(byFirst, "byFirst");
        Objects.requireNonNull(bySecond, "bySecond");
        if (!Arrays.equals(byFirst.payload(), bySecond.payload())) {
            throw new ContractException(byFirst.domain() + ": the two parties signed different payloads");
        }
    }

    /** Reads a record of {@code domain}; the signatures are not checked here. */
    public static CoSigned fromCbor(Domain domain, CborValue value) {
        List<CborValue> both = CborFields.array(value, domain + " record", 2);
        return new CoSigned(CoseSign1.fromCbor(domain, both.get(0)), CoseSign1.fromCbor(domain, both.get(1)));
    }

    public CborValue toCbor() {
        return new CborValue.Array(List.of(byFirst.toCbor(), bySecond.toCbor()));
    }

    /** The payload both signed. */
    public byte[] payload() {
        return byFirst.payload();
    }

    /** Whether the first signature verifies under {@code first} and the second under {@code second}. */
    public boolean verifiedBy(Ed25519PublicKey first, Ed25519PublicKey second) {
        return byFirst.verifiedBy(first) && bySecond.verifiedBy(second);
    }

    /**
     * What the party with key {@code self} appends to its ledger: the other party's signature,
     * under the other party's key ({@code first} and {@code second} are the parties' keys);
     * empty if {@code self} is neither.
     */
    public Optional<Receipt> ledgerEntryFor(Ed25519PublicKey self, Ed25519PublicKey first, Ed25519PublicKey second) {
        if (self.equals(first)) {
            return Optional.of(bySecond.ledgerEntry(second));
        }
        if (self.equals(second)) {
            return Optional.of(byFirst.ledgerEntry(first));
        }
        return Optional.empty();
    }
}
