package io.smartshare.contracts.storage;

import static io.smartshare.contracts.storage.StorageFixtures.HOLDER;
import static io.smartshare.contracts.storage.StorageFixtures.OWNER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Fixtures;
import org.junit.jupiter.api.Test;

class StorageAgreementTest {
    @Test
    void theOwnerProposesTheHolderCountersignsAndBothReadTheSameRecord() {
        StorageTerms terms = StorageFixtures.terms();
        StorageAgreement accepted = StorageAgreement.accept(StorageAgreement.propose(terms, OWNER), HOLDER).orElseThrow();
        StorageAgreement read = StorageAgreement.decode(accepted.encode()).orElseThrow();
        assertEquals(terms, read.terms());
        assertArrayEquals(accepted.encode(), read.encode());
        assertEquals(OWNER.publicKey(), read.ledgerEntryFor(HOLDER.publicKey()).counterparty(),
                "the holder keeps the owner's signature");
        assertEquals(HOLDER.publicKey(), read.ledgerEntryFor(OWNER.publicKey()).counterparty());
        assertNotEquals(read.ledgerEntryFor(OWNER.publicKey()).signature(), read.ledgerEntryFor(HOLDER.publicKey())
                .signature());
        assertThrows(ContractException.class, () -> read.ledgerEntryFor(Fixtures.identity(0x33).publicKey()));
    }

    @Test
    void aProposalForAnotherHolderAForgedOneAndOneByAStrangerAreRefused() {
        StorageTerms terms = StorageFixtures.terms();
        byte[] proposal = StorageAgreement.propose(terms, OWNER);
        assertEquals(StorageRejection.WRONG_SIGNER, StorageAgreement.accept(proposal, Fixtures.identity(0x33))
                .rejection().orElseThrow().reason());
        byte[] forged = proposal.clone();
        forged[forged.length - 1] ^= 1;
        assertEquals(StorageRejection.BAD_SIGNATURE, StorageAgreement.accept(forged, HOLDER).rejection().orElseThrow()
                .reason());
        assertEquals(StorageRejection.MALFORMED, StorageAgreement.accept(new byte[] {1, 2, 3}, HOLDER).rejection()
                .orElseThrow().reason());
        assertThrows(ContractException.class, () -> StorageAgreement.propose(terms, HOLDER));
        byte[] record = StorageAgreement.accept(proposal, HOLDER).orElseThrow().encode();
        record[record.length - 1] ^= 1;
        assertEquals(StorageRejection.BAD_SIGNATURE, StorageAgreement.decode(record).rejection().orElseThrow().reason());
    }
}
