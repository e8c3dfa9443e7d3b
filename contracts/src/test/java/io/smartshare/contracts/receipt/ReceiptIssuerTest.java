package io.smartshare.contracts.receipt;

import static io.smartshare.contracts.Fixtures.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.CheckpointRef;
import io.smartshare.contracts.Fixtures;
import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.ledger.identity.NodeIdentity;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReceiptIssuerTest {
    static final NodeIdentity PROVIDER = identity(0x01);
    static final NodeIdentity CONSUMER = identity(0x02);
    static final CheckpointRef CHECKPOINT = CheckpointRef.of(3, Fixtures.filled(0x33, 32));
    static final MeterKey CONSUMED_DOWN = new MeterKey(PROVIDER.publicKey(), Resource.RELAY_DOWN, Role.CONSUMED);
    static final MeterKey CONSUMED_UP = new MeterKey(PROVIDER.publicKey(), Resource.RELAY_UP, Role.CONSUMED);

    final ReceiptIssuer issuer = ReceiptIssuer.startingAt(1_000);
    final Random random = new Random(7);

    @Test
    void signsOneReceiptPerProviderAndResourceThatRose() {
        MeterSnapshot meter = new MeterSnapshot(61_000, Map.of(CONSUMED_DOWN, 5_000_000L, CONSUMED_UP, 40_000L,
                new MeterKey(PROVIDER.publicKey(), Resource.CPU, Role.PROVIDED), 9L));
        ReceiptIssuer.Issued issued = issuer.issue(meter, CHECKPOINT, CONSUMER, random);
        assertEquals(List.of(Resource.RELAY_UP, Resource.RELAY_DOWN),
                issued.receipts().stream().map(r -> r.claim().resource()).toList());
        ReceiptClaim down = issued.receipts().get(1).claim();
        assertEquals(5_000_000, down.amount());
        assertEquals(1_000, down.startMillis());
        assertEquals(61_000, down.endMillis());
        assertEquals(CHECKPOINT, down.consumerCheckpoint());
        assertTrue(issued.receipts().stream().allMatch(SignedReceipt::isAuthentic));
    }

    @Test
    void nextIntervalStartsWhereTheLastEndedAndUnchangedCountersAreSkipped() {
        MeterSnapshot first = new MeterSnapshot(61_000, Map.of(CONSUMED_DOWN, 5_000_000L, CONSUMED_UP, 40_000L));
        ReceiptIssuer next = issuer.issue(first, CHECKPOINT, CONSUMER, random).issuer();
        MeterSnapshot second = first.with(CONSUMED_DOWN, 6_000_000, 121_000);
        List<SignedReceipt> receipts = next.issue(second, CHECKPOINT, CONSUMER, random).receipts();
        assertEquals(1, receipts.size());
        assertEquals(61_000, receipts.get(0).claim().startMillis());
        assertEquals(6_000_000, receipts.get(0).claim().amount());
    }

    @Test
    void providerAcceptsWhatTheConsumerIssuesFromItsOwnMeter() {
        MeterSnapshot consumerMeter = new MeterSnapshot(61_000, Map.of(CONSUMED_DOWN, 5_000_000L));
        SignedReceipt receipt = issuer.issue(consumerMeter, CHECKPOINT, CONSUMER, random).receipts().get(0);
        MeterSnapshot providerMeter = new MeterSnapshot(61_050,
                Map.of(new MeterKey(CONSUMER.publicKey(), Resource.RELAY_DOWN, Role.PROVIDED), 5_030_000L));
        ReceiptBook book = ReceiptBook.empty(PROVIDER.publicKey(), Tolerance.DEFAULT);
        assertEquals(receipt, book.accept(receipt.encode(), providerMeter).orElseThrow().receipt());
    }

    @Test
    void resumedIssuerDoesNotReissueWhatWasSigned() {
        MeterSnapshot meter = new MeterSnapshot(61_000, Map.of(CONSUMED_DOWN, 5_000_000L));
        List<SignedReceipt> signed = issuer.issue(meter, CHECKPOINT, CONSUMER, random).receipts();
        ReceiptIssuer resumed = ReceiptIssuer.resume(1_000, signed);
        assertEquals(List.of(), resumed.issue(meter.with(CONSUMED_DOWN, 5_000_000, 70_000), CHECKPOINT, CONSUMER, random)
                .receipts());
    }
}
