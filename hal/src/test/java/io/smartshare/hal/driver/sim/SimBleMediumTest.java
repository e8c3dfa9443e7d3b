package io.smartshare.hal.driver.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.Subscription;
import io.smartshare.hal.ble.Advertisement;
import io.smartshare.hal.ble.BleException;
import io.smartshare.hal.ble.BleRadio;
import io.smartshare.hal.ble.GattCharacteristic;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SimBleMediumTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final GattCharacteristic MAILBOX = new GattCharacteristic(
            UUID.fromString("6e400001-b5a3-f393-e0a9-e50e24dcca9e"), UUID.fromString("6e400002-b5a3-f393-e0a9-e50e24dcca9e"));

    @Test
    void advertisementReachesScannersInRangeOnly() throws BleException {
        SimBleMedium medium = new SimBleMedium(7, CLOCK);
        SimBleRadio a = medium.attach(0, 0, 30, 0);
        SimBleRadio near = medium.attach(10, 0, 30, 0);
        SimBleRadio far = medium.attach(100, 0, 30, 0);
        List<Advertisement> heardNear = new ArrayList<>();
        List<Advertisement> heardFar = new ArrayList<>();
        near.scan(heardNear::add);
        far.scan(heardFar::add);

        a.advertise(new byte[] {1, 2, 3});

        assertEquals(1, heardNear.size());
        Advertisement heard = heardNear.get(0);
        assertEquals(a.address(), heard.from());
        assertArrayEquals(new byte[] {1, 2, 3}, heard.payload());
        assertEquals(-60, heard.rssi());
        assertEquals(CLOCK.instant(), heard.at());
        assertEquals(List.of(), heardFar);
    }

    @Test
    void roundsRepeatActiveAdvertisementsUntilStopped() throws BleException {
        SimBleMedium medium = new SimBleMedium(7, CLOCK);
        SimBleRadio a = medium.attach(0, 0, 30, 0);
        SimBleRadio b = medium.attach(5, 5, 30, 0);
        List<Advertisement> heard = new ArrayList<>();
        Subscription scan = b.scan(heard::add);
        a.advertise(new byte[] {9});
        medium.advertiseRound();
        medium.advertiseRound();
        a.stopAdvertising();
        medium.advertiseRound();
        assertEquals(3, heard.size());
        scan.close();
        a.advertise(new byte[] {9});
        assertEquals(3, heard.size());
    }

    @Test
    void lossIsSeededSoTheSameSeedLosesTheSameAdvertisements() throws BleException {
        assertEquals(deliveries(42), deliveries(42));
        List<Integer> delivered = deliveries(42);
        assertTrue(delivered.size() > 100 && delivered.size() < 200, "about 70 % of 200 arrive: " + delivered.size());
    }

    private static List<Integer> deliveries(long seed) throws BleException {
        SimBleMedium medium = new SimBleMedium(seed, CLOCK);
        SimBleRadio sender = medium.attach(0, 0, 30, 30);
        SimBleRadio receiver = medium.attach(1, 0, 30, 0);
        List<Integer> heard = new ArrayList<>();
        receiver.scan(ad -> heard.add((int) ad.payload()[0] & 0xFF));
        for (int i = 0; i < 200; i++) {
            sender.advertise(new byte[] {(byte) i});
        }
        return heard;
    }

    @Test
    void gattReadAndWriteReachAServedCharacteristic() throws BleException {
        SimBleMedium medium = new SimBleMedium(1, CLOCK);
        SimBleRadio client = medium.attach(0, 0, 20, 0);
        SimBleRadio server = medium.attach(3, 4, 20, 0);
        server.serve(MAILBOX, new byte[] {0});
        List<SimBleRadio.Written> writes = new ArrayList<>();
        server.onWrite(writes::add);

        client.write(server.address(), MAILBOX, new byte[] {5, 6});

        assertArrayEquals(new byte[] {5, 6}, client.read(server.address(), MAILBOX));
        assertEquals(1, writes.size());
        assertEquals(client.address(), writes.get(0).from());
        assertArrayEquals(new byte[] {5, 6}, server.served(MAILBOX).orElseThrow());
    }

    @Test
    void gattFailsOutOfRangeForUnknownPeersAndCharacteristics() {
        SimBleMedium medium = new SimBleMedium(1, CLOCK);
        SimBleRadio client = medium.attach(0, 0, 20, 0);
        SimBleRadio server = medium.attach(3, 4, 20, 0);
        server.serve(MAILBOX, new byte[] {0});
        server.moveTo(300, 400);
        BleException range = assertThrows(BleException.class, () -> client.read(server.address(), MAILBOX));
        assertTrue(range.getMessage().endsWith("out of range (500 m)"), range.getMessage());
        server.moveTo(0, 1);
        GattCharacteristic other = new GattCharacteristic(MAILBOX.service(), UUID.randomUUID());
        assertTrue(assertThrows(BleException.class, () -> client.read(server.address(), other)).getMessage()
                .endsWith("no such characteristic"));
        server.close();
        assertTrue(assertThrows(BleException.class, () -> client.read(server.address(), MAILBOX)).getMessage()
                .endsWith("no such device"));
    }

    @Test
    void oversizedPayloadIsRefused() {
        SimBleRadio radio = new SimBleMedium(1, CLOCK).attach(0, 0, 10, 0);
        BleException error = assertThrows(BleException.class, () -> radio.advertise(new byte[BleRadio.MAX_PAYLOAD + 1]));
        assertTrue(error.getMessage().contains("25 bytes exceeds 24"), error.getMessage());
    }

    @Test
    void addressesAreDistinctAndStablePerAttachOrder() {
        SimBleMedium medium = new SimBleMedium(1, CLOCK);
        assertEquals("02:00:00:00:00:01", medium.attach(0, 0, 1, 0).address().value());
        assertEquals("02:00:00:00:00:02", medium.attach(0, 0, 1, 0).address().value());
    }
}
