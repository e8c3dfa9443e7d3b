package io.smartshare.contracts.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.receipt.Tolerance;
import io.smartshare.ledger.cbor.Cbor;
import io.smartshare.ledger.cbor.CborMap;
import io.smartshare.ledger.cbor.CborValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The relay price of a channel: amounts owed, rounding, the payee's tolerance check, and its place in the open terms. */
class RelayPriceTest {
    /** Example 6 of docs/contracts.md: 3 µT per 1 000 bytes beyond the payer's reading of 40 000 at the open. */
    private static final RelayPrice EXAMPLE = new RelayPrice(3, 1_000, 40_000);

    @Test
    void workedExampleSixPaysWhatTheDocumentSays() {
        assertEquals(0, EXAMPLE.due(40_000), "service before the open is not paid");
        assertEquals(4, EXAMPLE.due(41_500), "4.5 rounds down");
        assertEquals(6, EXAMPLE.due(42_000), "the half carried: 2 more");
        assertEquals(480, EXAMPLE.due(200_333));
        assertTrue(EXAMPLE.allows(480, 200_000, Tolerance.DEFAULT, 50_000));
        assertTrue(EXAMPLE.allows(418, 200_000, Tolerance.DEFAULT, 50_000), "lowest within tolerance");
        assertTrue(EXAMPLE.allows(541, 200_000, Tolerance.DEFAULT, 50_000), "highest within tolerance");
        assertFalse(EXAMPLE.allows(542, 200_000, Tolerance.DEFAULT, 50_000), "more than the payee served");
        assertFalse(EXAMPLE.allows(417, 200_000, Tolerance.DEFAULT, 50_000), "less than the payee served");
        assertEquals(40_000, EXAMPLE.covered(0), "nothing paid covers the reading at the open");
        assertEquals(200_000, EXAMPLE.covered(480), "what 480 µT bought");
        assertEquals(480, EXAMPLE.due(EXAMPLE.covered(480)), "covered is due's inverse");
        assertEquals(Long.MAX_VALUE, new RelayPrice(1, Long.MAX_VALUE, 0).covered(2), "capped, not overflowing");
    }

    @Test
    void cumulativeRoundingLosesNoDust() {
        RelayPrice price = new RelayPrice(7, 1_000, 0);
        long paid = 0;
        for (long relayed = 0; relayed <= 1_000_000; relayed += 333) {
            long due = price.due(relayed);
            assertTrue(due >= paid, "owed never decreases");
            paid = due; // each proof pays the increase
        }
        assertEquals(999_999L * 7 / 1_000, paid, "the sum of the increments is the price of the total");
    }

    @Test
    void largeReadingsDoNotOverflow() {
        assertEquals(Long.MAX_VALUE / 1_000 * 3 + (Long.MAX_VALUE % 1_000) * 3 / 1_000,
                new RelayPrice(3, 1_000, 0).due(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, new RelayPrice(Long.MAX_VALUE, 1, 0).due(2), "capped, not wrapped");
        assertTrue(new RelayPrice(1, 1, 0).allows(Long.MAX_VALUE, Long.MAX_VALUE, Tolerance.DEFAULT, Long.MAX_VALUE));
    }

    @Test
    void theWholeDepositIsNeverTooLowAndNothingAboveItIsAllowed() {
        assertTrue(EXAMPLE.allows(250, 200_000, Tolerance.DEFAULT, 250), "worth 418..541, the deposit is 250");
        assertFalse(EXAMPLE.allows(249, 200_000, Tolerance.DEFAULT, 250));
        assertFalse(EXAMPLE.allows(251, 200_000, Tolerance.DEFAULT, 250));
        assertTrue(EXAMPLE.allows(541, 200_000, Tolerance.DEFAULT, 700), "a deposit above the worth caps nothing");
        assertFalse(EXAMPLE.allows(542, 200_000, Tolerance.DEFAULT, 700));
    }

    @Test
    void theStartMayNotBeAboveThePayeesReadingBeyondTolerance() {
        assertTrue(new RelayPrice(3, 1_000, 220_384).startsWithin(200_000, Tolerance.DEFAULT), "example 6");
        assertFalse(new RelayPrice(3, 1_000, 220_385).startsWithin(200_000, Tolerance.DEFAULT));
        assertTrue(new RelayPrice(3, 1_000, 0).startsWithin(200_000, Tolerance.DEFAULT), "below is the payer's loss");
    }

    @Test
    void aPriceIsAtLeastWhatAPayeeAsksPerMegabyteExactly() {
        assertTrue(new RelayPrice(3, 1_000, 0).atLeast(3_000), "3 per 1,000 bytes is 3,000 per MB");
        assertFalse(new RelayPrice(3, 1_000, 0).atLeast(3_001));
        assertTrue(new RelayPrice(2_500, 1_000_000, 0).atLeast(2_500));
        assertFalse(new RelayPrice(2_499, 1_000_000, 0).atLeast(2_500));
        assertTrue(new RelayPrice(1, 1, 0).atLeast(0), "a payee asking nothing takes any price");
        assertFalse(new RelayPrice(1, Long.MAX_VALUE, 0).atLeast(1), "no overflow: far below 1 per MB");
        assertTrue(new RelayPrice(Long.MAX_VALUE, 1, 0).atLeast(0xFFFF_FFFFL));
    }

    @Test
    void rejectsANonPositiveRateOrUnitAndANegativeStart() {
        assertThrows(ContractException.class, () -> new RelayPrice(0, 1_000, 0));
        assertThrows(ContractException.class, () -> new RelayPrice(3, 0, 0));
        assertThrows(ContractException.class, () -> new RelayPrice(3, 1_000, -1));
    }

    @Test
    void pricedTermsRoundTripAndUnpricedTermsKeepTheirBytes() {
        ChannelTerms unpriced = ChannelFixtures.exampleOpen().terms();
        ChannelTerms priced = new ChannelTerms(unpriced.payer(), unpriced.payee(), 50_000, new byte[16],
                Optional.of(EXAMPLE));
        assertEquals(priced, ChannelTerms.decode(priced.encode()));
        assertEquals(Optional.empty(), ChannelTerms.decode(unpriced.encode()).price());
        assertFalse(priced.id().equals(unpriced.id()), "the price is part of what both sides sign");
        byte[] withoutPrice = Cbor.encode(CborMap.builder().put(0, 1).put(1, unpriced.payer().encoded())
                .put(2, unpriced.payee().encoded()).put(3, 50_000).put(4, new byte[16]).build());
        assertArrayEquals(withoutPrice, unpriced.encode());
    }

    @Test
    void rejectsAMalformedPrice() {
        ChannelTerms t = ChannelFixtures.exampleOpen().terms();
        CborValue badPrice = new CborValue.Array(List.of(new CborValue.Int(3), new CborValue.Int(0),
                new CborValue.Int(0)));
        byte[] zeroUnit = Cbor.encode(CborMap.builder().put(0, 1).put(1, t.payer().encoded())
                .put(2, t.payee().encoded()).put(3, 50_000).put(4, new byte[16]).put(5, badPrice).build());
        assertTrue(assertThrows(ContractException.class, () -> ChannelTerms.decode(zeroUnit)).getMessage()
                .contains("unit > 0"));
        byte[] shortPrice = Cbor.encode(CborMap.builder().put(0, 1).put(1, t.payer().encoded())
                .put(2, t.payee().encoded()).put(3, 50_000).put(4, new byte[16])
                .put(5, new CborValue.Array(List.of(new CborValue.Int(3)))).build());
        assertTrue(assertThrows(ContractException.class, () -> ChannelTerms.decode(shortPrice)).getMessage()
                .contains("field 5 (relay price)"));
    }
}
