package io.smartshare.contracts.receipt;

import static io.smartshare.contracts.Fixtures.identity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.ContractException;
import io.smartshare.contracts.Fixtures;
import io.smartshare.contracts.Outcome;
import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptBookTest {
    static final NodeIdentity PROVIDER = identity(0x01);
    static final NodeIdentity CONSUMER = identity(0x02);
    static final NodeIdentity OTHER = identity(0x03);
    static final CheckpointRef CHECKPOINT = CheckpointRef.of(7, Fixtures.filled(0x77, 32));

    final ReceiptBook empty = ReceiptBook.empty(PROVIDER.publicKey(), Tolerance.DEFAULT);

    static SignedReceipt receipt(NodeIdentity provider, NodeIdentity signer, long amount, long start, long end) {
        ReceiptClaim claim = new ReceiptClaim(provider.publicKey(), signer.publicKey(), Resource.RELAY_DOWN, amount,
                start, end, Fixtures.filled((int) amount, 16), CHECKPOINT);
        return SignedReceipt.sign(claim, signer);
    }

    static SignedReceipt receipt(long amount, long start, long end) {
        return receipt(PROVIDER, CONSUMER, amount, start, end);
    }

    static MeterSnapshot meter(long servedToConsumer) {
        return new MeterSnapshot(10_000,
                Map.of(new MeterKey(CONSUMER.publicKey(), Resource.RELAY_DOWN, Role.PROVIDED), servedToConsumer));
    }

    static ReceiptRejection reason(Outcome<ReceiptBook.Acceptance, ReceiptRejection> outcome) {
        return outcome.rejection().orElseThrow().reason();
    }

    ReceiptBook bookHolding(long amount) {
        return empty.accept(receipt(amount, 0, 1000).encode(), meter(amount)).orElseThrow().book();
    }

    @Test
    void acceptsReceiptWithinToleranceAndGivesTheLedgerEntry() {
        SignedReceipt receipt = receipt(1_000_000, 0, 1000);
        ReceiptBook.Acceptance accepted = empty.accept(receipt.encode(), meter(1_010_000)).orElseThrow();
        assertEquals(receipt, accepted.book().latest(CONSUMER.publicKey(), Resource.RELAY_DOWN).orElseThrow());
        assertEquals(CONSUMER.publicKey(), accepted.ledgerEntry().counterparty());
        assertArrayEquals(receipt.ledgerEntry().statement(), accepted.ledgerEntry().statement());
        assertEquals(0, empty.size());
    }

    @Test
    void rejectsForgedReceipt() {
        byte[] wire = receipt(1_000_000, 0, 1000).encode();
        wire[wire.length - 1] ^= 1;
        Outcome<ReceiptBook.Acceptance, ReceiptRejection> outcome = empty.accept(wire, meter(1_000_000));
        assertEquals(ReceiptRejection.BAD_SIGNATURE, reason(outcome));
        assertEquals(0, empty.size());
    }

    @Test
    void rejectsReceiptSignedByAnotherKeyThanTheNamedConsumer() {
        ReceiptClaim claim = receipt(1_000_000, 0, 1000).claim();
        byte[] wire = SignedReceipt.sign(new ReceiptClaim(claim.provider(), OTHER.publicKey(), claim.resource(),
                claim.amount(), 0, 1000, claim.nonce(), CHECKPOINT), OTHER).encode();
        // Re-point the signed bytes at CONSUMER: replace OTHER's key in the payload.
        byte[] forged = replace(wire, OTHER.publicKey().encoded(), CONSUMER.publicKey().encoded());
        assertEquals(ReceiptRejection.BAD_SIGNATURE, reason(empty.accept(forged, meter(1_000_000))));
    }

    @Test
    void rejectsReceiptNamingAnotherProvider() {
        byte[] wire = receipt(OTHER, CONSUMER, 1_000_000, 0, 1000).encode();
        Outcome<ReceiptBook.Acceptance, ReceiptRejection> outcome = empty.accept(wire, meter(1_000_000));
        assertEquals(ReceiptRejection.WRONG_PROVIDER, reason(outcome));
        assertTrue(outcome.rejection().orElseThrow().detail().contains(OTHER.publicKey().toString()));
        assertEquals(0, empty.size());
    }

    @Test
    void rejectsSelfSignedReceipt() {
        byte[] wire = receipt(PROVIDER, PROVIDER, 1_000_000, 0, 1000).encode();
        assertEquals(ReceiptRejection.SELF_SIGNED, reason(empty.accept(wire, meter(1_000_000))));
    }

    @Test
    void rejectsReceiptFromConsumerNeverServed() {
        MeterSnapshot nothingServed = MeterSnapshot.empty(10_000);
        assertEquals(ReceiptRejection.UNKNOWN_CONSUMER,
                reason(empty.accept(receipt(1_000_000, 0, 1000).encode(), nothingServed)));
    }

    @Test
    void rejectsReplayedReceiptLeavingBookUnchanged() {
        SignedReceipt first = receipt(1_000_000, 0, 1000);
        ReceiptBook book = empty.accept(first.encode(), meter(1_000_000)).orElseThrow().book();
        Outcome<ReceiptBook.Acceptance, ReceiptRejection> again = book.accept(first.encode(), meter(1_000_000));
        assertEquals(ReceiptRejection.REPLAY, reason(again));
        assertEquals(first, book.latest(CONSUMER.publicKey(), Resource.RELAY_DOWN).orElseThrow());
    }

    @Test
    void rejectsDecreasingCumulativeAmountLeavingBookUnchanged() {
        ReceiptBook book = bookHolding(2_000_000);
        SignedReceipt lower = receipt(1_500_000, 1000, 2000);
        assertEquals(ReceiptRejection.DECREASING, reason(book.accept(lower.encode(), meter(1_500_000))));
        assertEquals(2_000_000, book.latest(CONSUMER.publicKey(), Resource.RELAY_DOWN).orElseThrow().claim().amount());
    }

    @Test
    void rejectsIntervalStartingBeforeTheLastOneEnded() {
        ReceiptBook book = bookHolding(1_000_000);
        assertEquals(ReceiptRejection.BAD_INTERVAL,
                reason(book.accept(receipt(2_000_000, 999, 2000).encode(), meter(2_000_000))));
    }

    @Test
    void rejectsAnIntervalEndingMoreThanAMinuteAfterTheProvidersClock() {
        long reading = meter(1_000_000).atMillis();
        Outcome<ReceiptBook.Acceptance, ReceiptRejection> ahead = empty.accept(
                receipt(1_000_000, 0, reading + ReceiptBook.MAX_CLOCK_AHEAD_MILLIS + 1).encode(), meter(1_000_000));
        assertEquals(ReceiptRejection.FUTURE_INTERVAL, reason(ahead));
        assertEquals(0, empty.size());
        assertTrue(empty.accept(receipt(1_000_000, 0, reading + ReceiptBook.MAX_CLOCK_AHEAD_MILLIS).encode(),
                meter(1_000_000)).acceptedValue().isPresent(), "a minute ahead is within the allowed skew");
    }

    @Test
    void rejectsClaimBeyondToleranceOfOwnMeter() {
        Outcome<ReceiptBook.Acceptance, ReceiptRejection> outcome =
                empty.accept(receipt(10_216_385, 0, 1000).encode(), meter(10_000_000));
        assertEquals(ReceiptRejection.BEYOND_TOLERANCE, reason(outcome));
        assertTrue(outcome.rejection().orElseThrow().detail().contains("10216385"));
        assertEquals(0, empty.size());
    }

    @Test
    void rejectsUndersignedClaimBeyondTolerance() {
        assertEquals(ReceiptRejection.BEYOND_TOLERANCE,
                reason(empty.accept(receipt(9_780_000, 0, 1000).encode(), meter(10_000_000))));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Resource.class, names = {"STORAGE", "CPU"})
    void aStorageOrCpuReceiptMayClaimLessThanMeteredButNotMoreThanTheTolerance(Resource resource) {
        MeterSnapshot held = new MeterSnapshot(10_000,
                Map.of(new MeterKey(CONSUMER.publicKey(), resource, Role.PROVIDED), 1_000_000L));
        ReceiptClaim under = new ReceiptClaim(PROVIDER.publicKey(), CONSUMER.publicKey(), resource, 10, 0, 1000,
                Fixtures.filled(1, 16), CHECKPOINT);
        assertTrue(empty.accept(SignedReceipt.sign(under, CONSUMER).encode(), held).acceptedValue().isPresent(),
                "an owner pays only what its audits proved, a consumer only the jobs it verified");
        ReceiptClaim over = new ReceiptClaim(PROVIDER.publicKey(), CONSUMER.publicKey(), resource, 1_036_385, 0,
                1000, Fixtures.filled(2, 16), CHECKPOINT);
        assertEquals(ReceiptRejection.BEYOND_TOLERANCE, reason(empty.accept(SignedReceipt.sign(over, CONSUMER).encode(),
                held)), "2 % + 16,384 above the meter is the most");
    }

    @Test
    void appliesTheToleranceOfTheReceiptsResource() {
        Map<Resource, Tolerance> tolerances = new java.util.EnumMap<>(Resource.class);
        for (Resource r : Resource.values()) {
            tolerances.put(r, Tolerance.DEFAULT);
        }
        tolerances.put(Resource.RELAY_DOWN, new Tolerance(0, 10));
        ReceiptBook strict = ReceiptBook.empty(PROVIDER.publicKey(), tolerances);
        assertEquals(ReceiptRejection.BEYOND_TOLERANCE,
                reason(strict.accept(receipt(1_000_011, 0, 1000).encode(), meter(1_000_000))));
        assertTrue(strict.accept(receipt(1_000_010, 0, 1000).encode(), meter(1_000_000)).acceptedValue().isPresent());
    }

    @Test
    void refusesToleranceMapMissingAResource() {
        assertThrows(ContractException.class,
                () -> ReceiptBook.empty(PROVIDER.publicKey(), Map.of(Resource.RELAY_UP, Tolerance.DEFAULT)));
    }

    @Test
    void rejectsMalformedBytesNamingTheProblem() {
        Outcome<ReceiptBook.Acceptance, ReceiptRejection> outcome = empty.accept(new byte[] {(byte) 0x84, 0x01},
                meter(1));
        assertEquals(ReceiptRejection.MALFORMED, reason(outcome));
        assertTrue(outcome.rejection().orElseThrow().detail().startsWith("smartshare/receipt/v1 COSE_Sign1: not deterministic CBOR: offset"));
    }

    @Test
    void acceptsTheNextHigherReceipt() {
        ReceiptBook book = bookHolding(1_000_000);
        ReceiptBook next = book.accept(receipt(3_000_000, 1000, 2000).encode(), meter(3_000_000)).orElseThrow().book();
        assertEquals(3_000_000, next.latest(CONSUMER.publicKey(), Resource.RELAY_DOWN).orElseThrow().claim().amount());
        assertEquals(1_000_000, book.latest(CONSUMER.publicKey(), Resource.RELAY_DOWN).orElseThrow().claim().amount());
    }

    @Test
    void restoresFromLedgerWithoutMeterButStillRejectsDecrease() {
        SignedReceipt first = receipt(5_000_000, 0, 1000);
        ReceiptBook restored = empty.restore(first);
        assertSame(first, restored.latest(CONSUMER.publicKey(), Resource.RELAY_DOWN).orElseThrow());
        ContractException e = assertThrows(ContractException.class, () -> restored.restore(receipt(4_000_000, 1000, 2000)));
        assertTrue(e.getMessage().startsWith("DECREASING"));
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] replacement) {
        byte[] out = haystack.clone();
        for (int i = 0; i + needle.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + needle.length, needle, 0, needle.length)) {
                System.arraycopy(replacement, 0, out, i, replacement.length);
                return out;
            }
        }
        throw new AssertionError("needle not found");
    }
}
