package io.smartshare.contracts.channel;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.cose.CborFields;
import io.smartshare.contracts.cose.CoseSign1;
import io.smartshare.contracts.cose.Domain;
import io.smartshare.ledger.cbor.CborValue;
import io.smartshare.ledger.identity.Ed25519PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** One payload signed by both payer and payee: the record {@code [payer COSE_Sign1, payee COSE_Sign1]}. */
record CoSigned(CoseSign1 byPayer, CoseSign1 byPayee) {
    CoSigned {
        Objects.requireNonNull(byPayer, "byPayer");
        Objects.requireNonNull(byPayee, "byPayee");
        if (!Arrays.equals(byPayer.payload(), byPayee.payload())) {
            throw new ContractException(byPayer.domain() + ": payer and payee signed different payloads");
        }
    }

    static CoSigned fromCbor(Domain domain, CborValue value) {
        List<CborValue> both = CborFields.array(value, domain + " record", 2);
        return new CoSigned(CoseSign1.fromCbor(domain, both.get(0)), CoseSign1.fromCbor(domain, both.get(1)));
    }

    CborValue toCbor() {
        return new CborValue.Array(List.of(byPayer.toCbor(), byPayee.toCbor()));
    }

    byte[] payload() {
        return byPayer.payload();
    }

    boolean verifiedBy(Ed25519PublicKey payer, Ed25519PublicKey payee) {
        return byPayer.verifiedBy(payer) && byPayee.verifiedBy(payee);
    }

    /** The signature of the other party, for the ledger of {@code self}. */
    CoseSign1 counterpartOf(Ed25519PublicKey self, Ed25519PublicKey payer) {
        return self.equals(payer) ? byPayee : byPayer;
    }
}
