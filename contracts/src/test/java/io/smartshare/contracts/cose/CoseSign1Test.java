package io.smartshare.contracts.cose;

import static io.smartshare.contracts.Fixtures.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.ledger.record.Receipt;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CoseSign1Test {
    static final NodeIdentity SIGNER = identity(0x05);
    static final NodeIdentity OTHER = identity(0x06);
    static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.US_ASCII);

    @Test
    void decodesWhatItEncodesAndVerifiesOnlyForTheSigner() {
        CoseSign1 signed = CoseSign1.sign(Domain.CHANNEL_PROOF, PAYLOAD, SIGNER);
        CoseSign1 decoded = CoseSign1.decode(Domain.CHANNEL_PROOF, signed.encode());
        assertEquals(signed, decoded);
        assertTrue(decoded.verifiedBy(SIGNER.publicKey()));
        assertFalse(decoded.verifiedBy(OTHER.publicKey()));
    }

    @Test
    void signatureDoesNotCarryOverToAnotherDomain() {
        byte[] wire = CoseSign1.sign(Domain.CHANNEL_PROOF, PAYLOAD, SIGNER).encode();
        assertFalse(CoseSign1.decode(Domain.CHANNEL_CLOSE, wire).verifiedBy(SIGNER.publicKey()));
    }

    @Test
    void rebuildsFromLedgerEntry() {
        CoseSign1 signed = CoseSign1.sign(Domain.RECEIPT, PAYLOAD, SIGNER);
        Receipt entry = signed.ledgerEntry(SIGNER.publicKey());
        assertEquals(signed, CoseSign1.fromToBeSigned(Domain.RECEIPT, entry.counterparty(), entry.statement(),
                entry.signature()));
    }

    @Test
    void rejectsLedgerEntryOfAnotherDomain() {
        Receipt entry = CoseSign1.sign(Domain.SCHEDULE, PAYLOAD, SIGNER).ledgerEntry(SIGNER.publicKey());
        ContractException e = assertThrows(ContractException.class, () -> CoseSign1.fromToBeSigned(Domain.RECEIPT,
                entry.counterparty(), entry.statement(), entry.signature()));
        assertTrue(e.getMessage().contains("smartshare/receipt/v1"));
    }

    @Test
    void tellsTheDomainOfALedgerStatement() {
        byte[] statement = CoseSign1.sign(Domain.CHANNEL_OPEN, PAYLOAD, SIGNER).toBeSigned();
        assertEquals(java.util.Optional.of(Domain.CHANNEL_OPEN), CoseSign1.domainOf(statement));
        assertEquals(java.util.Optional.empty(), CoseSign1.domainOf(PAYLOAD));
    }

    @Test
    void rejectsOtherProtectedHeader() {
        byte[] wire = CoseSign1.sign(Domain.RECEIPT, PAYLOAD, SIGNER).encode();
        wire[4] = 0x26; // {1: -7} (ES256) instead of {1: -8}
        ContractException e = assertThrows(ContractException.class, () -> CoseSign1.decode(Domain.RECEIPT, wire));
        assertTrue(e.getMessage().contains("protected header"));
    }
}
