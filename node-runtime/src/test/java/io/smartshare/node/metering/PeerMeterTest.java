package io.smartshare.node.metering;

import static io.smartshare.node.testing.SeededIdentities.identity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.contracts.metering.MeterKey;
import io.smartshare.contracts.metering.MeterSnapshot;
import io.smartshare.contracts.metering.Resource;
import io.smartshare.contracts.metering.Role;
import io.smartshare.hal.config.ConfigException;
import io.smartshare.hal.config.ConfigMap;
import io.smartshare.ledger.identity.NodeIdentity;
import io.smartshare.node.lifecycle.ServiceCounters;
import io.smartshare.node.mesh.forwarding.CarriageMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerMeterTest {
    /** No service besides relaying counts anything. */
    private static final ServiceCounters NO_SERVICES = atMillis -> java.util.Map.of();

    private static final NodeIdentity PEER = identity(0x0b);

    @TempDir
    Path dir;

    @Test
    void atMostMaxPeersAreMeteredStoredOnesFirstAndAMeteredPeerNeverLeaves() throws Exception {
        CarriageMeter first = new CarriageMeter();
        PeerMeter before = PeerMeter.open(dir, first::snapshot, NO_SERVICES, 1_000);
        first.carriedFor(PEER.nodeId(), 700, 300);
        before.tick(2_000);
        CarriageMeter second = new CarriageMeter(); // a restart, then more peers than the bound, all new
        PeerMeter after = PeerMeter.open(dir, second::snapshot, NO_SERVICES, 3_000);
        for (int i = 0; i < CarriageMeter.MAX_PEERS; i++) {
            second.carriedFor(NodeIdentity.fromSeed(java.nio.ByteBuffer.allocate(32).putInt(i).array()).nodeId(), 10, 1);
        }
        assertEquals(new PeerMeter.PeerCounts(1, 0), after.peerCounts(), "as the last reading found them: the stored peer");
        after.drifted(); // a reading, as the node makes every second
        assertEquals(CarriageMeter.MAX_PEERS, after.peerCounts().metered(), "the stored peer and 1,023 new ones");
        assertEquals(1, after.peerCounts().unmetered());
        second.carriedFor(PEER.nodeId(), 1, 0);
        after.tick(4_000);
        assertEquals(CarriageMeter.MAX_PEERS, ConfigMap.load(dir.resolve(PeerMeter.FILE_NAME)).mapList("peers").size());
        after.learnKey(PEER.publicKey());
        assertEquals(701, after.snapshot(5_000).amount(new MeterKey(PEER.publicKey(), Resource.RELAY_UP, Role.PROVIDED)),
                "the stored peer goes on counting");
    }

    @Test
    void countersContinueFromTheStoredTotalsAfterARestart() throws Exception {
        CarriageMeter first = new CarriageMeter();
        PeerMeter before = PeerMeter.open(dir, first::snapshot, NO_SERVICES, 1_000);
        first.carriedFor(PEER.nodeId(), 700, 300);
        first.carriedBy(PEER.nodeId(), 50, 20);
        before.learnKey(PEER.publicKey());
        before.tick(2_000);

        CarriageMeter second = new CarriageMeter(); // the mesh counts from zero again
        PeerMeter after = PeerMeter.open(dir, second::snapshot, NO_SERVICES, 3_000);
        second.carriedFor(PEER.nodeId(), 100, 10);
        MeterSnapshot snapshot = after.snapshot(4_000);

        assertEquals(800, snapshot.amount(PEER.publicKey(), Resource.RELAY_UP, Role.PROVIDED));
        assertEquals(310, snapshot.amount(PEER.publicKey(), Resource.RELAY_DOWN, Role.PROVIDED));
        assertEquals(50, snapshot.amount(PEER.publicKey(), Resource.RELAY_UP, Role.CONSUMED));
        assertEquals(20, snapshot.amount(PEER.publicKey(), Resource.RELAY_DOWN, Role.CONSUMED));
    }

    @Test
    void theMeterIsStoredOnceACounterGrewBeyondWhatTheToleranceForgivesAndACrashLosesNoMore() throws Exception {
        CarriageMeter mesh = new CarriageMeter();
        PeerMeter meter = PeerMeter.open(dir, mesh::snapshot, NO_SERVICES, 1_000);
        mesh.carriedFor(PEER.nodeId(), 8_000, 0);
        assertFalse(meter.drifted(), "8,000 bytes: within the 8,192 a crash may lose");
        mesh.carriedFor(PEER.nodeId(), 500, 0);
        assertTrue(meter.drifted());
        meter.save();
        assertFalse(meter.drifted());

        mesh.carriedFor(PEER.nodeId(), 2_000_000, 0);
        meter.save(); // 2,008,500 stored: 1 % of it, 20,085 bytes, may now go unstored
        mesh.carriedFor(PEER.nodeId(), 20_000, 0);
        assertFalse(meter.drifted());
        mesh.carriedFor(PEER.nodeId(), 100, 0);
        assertTrue(meter.drifted());

        CarriageMeter restarted = new CarriageMeter(); // kill -9 here: what was stored is what counts
        PeerMeter after = PeerMeter.open(dir, restarted::snapshot, NO_SERVICES, 2_000);
        after.learnKey(PEER.publicKey());
        assertEquals(2_008_500, after.snapshot(3_000).amount(PEER.publicKey(), Resource.RELAY_UP, Role.PROVIDED));
    }

    @Test
    void aPeerEntersSnapshotsOnceItsKeyIsKnown() {
        CarriageMeter mesh = new CarriageMeter();
        PeerMeter meter = PeerMeter.open(dir, mesh::snapshot, NO_SERVICES, 1_000);
        mesh.carriedBy(PEER.nodeId(), 10, 5);

        assertTrue(meter.snapshot(2_000).counters().isEmpty());
        assertEquals(Set.of(PEER.nodeId()), meter.providersWithoutKey());

        meter.learnKey(identity(0x0c).publicKey()); // no counters for that one: ignored
        meter.learnKey(PEER.publicKey());

        assertEquals(10, meter.snapshot(3_000).amount(PEER.publicKey(), Resource.RELAY_UP, Role.CONSUMED));
        assertTrue(meter.providersWithoutKey().isEmpty());
    }

    @Test
    void tickReportsTheIncreaseSinceThePreviousTick() throws Exception {
        CarriageMeter mesh = new CarriageMeter();
        PeerMeter meter = PeerMeter.open(dir, mesh::snapshot, NO_SERVICES, 1_000);
        mesh.carriedFor(PEER.nodeId(), 100, 40);
        meter.learnKey(PEER.publicKey());
        meter.tick(2_000);
        mesh.carriedFor(PEER.nodeId(), 25, 5);
        meter.tick(3_000);

        var interval = meter.lastInterval().orElseThrow();
        assertEquals(2_000, interval.startMillis());
        assertEquals(25, interval.amount(new MeterKey(PEER.publicKey(),
                Resource.RELAY_UP, Role.PROVIDED)));
    }

    @Test
    void unchangedTotalsAreNotWrittenAgain() throws Exception {
        CarriageMeter mesh = new CarriageMeter();
        PeerMeter meter = PeerMeter.open(dir, mesh::snapshot, NO_SERVICES, 1_000);
        meter.tick(2_000);
        assertFalse(Files.exists(dir.resolve(PeerMeter.FILE_NAME)), "nothing metered, nothing written");

        mesh.carriedFor(PEER.nodeId(), 100, 40);
        meter.tick(3_000);
        assertTrue(Files.exists(dir.resolve(PeerMeter.FILE_NAME)));
        Files.delete(dir.resolve(PeerMeter.FILE_NAME));
        meter.tick(4_000);

        assertFalse(Files.exists(dir.resolve(PeerMeter.FILE_NAME)), "no change since the last write");
    }

    @Test
    void damagedTotalsAreNamedByFileLineAndKey() throws Exception {
        Files.writeString(dir.resolve(PeerMeter.FILE_NAME), "{\"peers\":[{\"id\":\"" + PEER.nodeId().value()
                + "\",\n\"provided-up\":-1,\"provided-down\":0,\"consumed-up\":0,\"consumed-down\":0}]}\n");

        ConfigException error = assertThrows(ConfigException.class,
                () -> PeerMeter.open(dir, new CarriageMeter()::snapshot, NO_SERVICES, 1_000));

        assertEquals(2, error.line());
        assertTrue(error.key().endsWith("provided-up"), error.key());
    }
}
