package io.smartshare.node.ledger;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.ledger.checkpoint.SignedCheckpoint;
import io.smartshare.ledger.record.MeteringSample;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealingLedgerEventsTest {
    @TempDir
    Path dir;

    @Test
    void everyDurableRecordAndEveryNewCheckpointIsPublishedOnce() throws Exception {
        List<Object> events = new CopyOnWriteArrayList<>();
        try (HealingLedger ledger = HealingLedger.open(dir, identity(0x21))) {
            ledger.publishTo(events::add);
            ledger.append(new MeteringSample("net.rx.eth0", 100, "B", 1_000)).get(5, TimeUnit.SECONDS);
            ledger.append(new MeteringSample("net.tx.eth0", 200, "B", 1_000)).get(5, TimeUnit.SECONDS);
            SignedCheckpoint checkpoint = ledger.publishCheckpoint().get(5, TimeUnit.SECONDS);
            ledger.publishCheckpoint().get(5, TimeUnit.SECONDS); // the same size again: nothing new to tell

            assertEquals(List.of(new LedgerEvent.Appended(0, "MeteringSample"), new LedgerEvent.Appended(1, "MeteringSample"),
                    new LedgerEvent.CheckpointSigned(2, checkpoint.root().hex())), events);
        }
    }
}
