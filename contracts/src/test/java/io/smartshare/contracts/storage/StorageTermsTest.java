package io.smartshare.contracts.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Sha256;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StorageTermsTest {
    @Test
    void termsRoundTripAndTheirIdIsTheirPayloadsHash() {
        StorageTerms terms = StorageFixtures.terms();
        assertEquals(terms, StorageTerms.decode(terms.encode()));
        assertArrayEquals(Arrays.copyOf(Sha256.of(terms.encode()), 16), terms.id());
        assertEquals(20, terms.leaves());
        assertEquals(256, terms.leafLength(0));
        assertEquals(136, terms.leafLength(19), "the last leaf holds what is left");
        assertThrows(ContractException.class, () -> terms.leafLength(20));
    }

    @Test
    void termsThatCannotBeKeptAreRefusedNamingTheField() {
        StorageTerms t = StorageFixtures.terms();
        byte[] root = t.root();
        assertThrows(ContractException.class, () -> new StorageTerms(t.owner(), t.owner(), root, 1, 256, 0, 1,
                t.price(), 1, t.nonce()), "owner and holder the same");
        ContractException leaf = assertThrows(ContractException.class, () -> new StorageTerms(t.owner(), t.holder(),
                root, 1, 300, 0, 1, t.price(), 1, t.nonce()));
        assertEquals(true, leaf.getMessage().contains("leaf size"), leaf.getMessage());
        assertThrows(ContractException.class, () -> new StorageTerms(t.owner(), t.holder(), root, 1, 256, 5, 5,
                t.price(), 1, t.nonce()), "a term that ends when it starts");
        assertThrows(ContractException.class, () -> new StorageTerms(t.owner(), t.holder(), root, 0, 256, 0, 1,
                t.price(), 1, t.nonce()), "nothing to store");
        assertThrows(ContractException.class, () -> new StorageTerms(t.owner(), t.holder(), root, 1, 256, 0, 1,
                t.price(), 0, t.nonce()), "no audits");
        assertThrows(ContractException.class, () -> new StoragePrice(0, 1));
        byte[] encoded = t.encode();
        assertThrows(ContractException.class, () -> StorageTerms.decode(Arrays.copyOf(encoded, encoded.length - 1)));
    }

    @Test
    void workedExampleSevenPaysWhatTheDocumentSays() {
        // docs/contracts.md example 7: 10 MiB held for 30 days at 5 µT per GiB-hour
        StoragePrice price = new StoragePrice(5, 1L << 30);
        long byteSeconds = 10L * 1024 * 1024 * 30 * 86_400;
        assertEquals(27_179_089_920_000L, byteSeconds);
        assertEquals(35, price.due(byteSeconds), "35.156 rounded down");
        long half = byteSeconds / 2;
        assertEquals(17, price.due(half), "the first half: 17.578 rounded down, the fraction carried");
        assertEquals(35, price.due(half + (byteSeconds - half)), "cumulative: nothing lost to rounding");
        assertEquals(Long.MAX_VALUE, new StoragePrice(Long.MAX_VALUE, 1).due(Long.MAX_VALUE), "capped, not wrapped");
        assertEquals(0, price.due(-1));
    }
}
