package io.smartshare.hal.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.Subscription;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.DriverState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SensorsTest {
    /** A sensor that answers from a script: a number is a reading, NaN a failed check; 20.0 when the script is done. */
    private static final class ScriptedSensor implements Sensor {
        final Deque<Double> script = new ArrayDeque<>();
        volatile String lastThread = "";
        final CountDownLatch readOnPollThread = new CountDownLatch(1);

        @Override
        public String id() {
            return "t";
        }

        @Override
        public String driver() {
            return "test";
        }

        @Override
        public List<Quantity> quantities() {
            return List.of(Quantity.TEMPERATURE);
        }

        @Override
        public List<Reading> read() throws SensorException {
            lastThread = Thread.currentThread().getName();
            if (lastThread.equals("hal-sensors")) {
                readOnPollThread.countDown();
            }
            Double next = script.isEmpty() ? Double.valueOf(20.0) : script.poll();
            if (next.isNaN()) {
                throw new SensorException("sensor t: CRC mismatch");
            }
            return List.of(new Reading("t", Quantity.TEMPERATURE, next, Instant.EPOCH));
        }
    }

    private static Sensors sensors(ScriptedSensor sensor, Duration poll) {
        return new Sensors(List.of(sensor), Map.of("t", poll), Set.of());
    }

    @Test
    void failedReadDegradesHealthKeepsTheLastGoodValueAndRecovers() {
        ScriptedSensor sensor = new ScriptedSensor();
        sensor.script.addAll(List.of(21.0, Double.NaN, 22.0));
        Sensors sensors = sensors(sensor, Duration.ofSeconds(1));
        sensors.pollNow();
        sensors.pollNow();
        assertEquals(new DriverHealth("sensor:t", "test", DriverState.DEGRADED, "sensor t: CRC mismatch", false),
                sensors.health().get(0));
        assertEquals(21.0, sensors.latest("t").orElseThrow().get(0).value());
        sensors.pollNow();
        assertEquals(DriverState.UP, sensors.health().get(0).state());
        assertEquals(22.0, sensors.latest("t").orElseThrow().get(0).value());
    }

    @Test
    void listenersHearChangesOnlyAndOneFailingListenerDoesNotStopTheOthers() {
        ScriptedSensor sensor = new ScriptedSensor();
        sensor.script.addAll(List.of(21.0, 21.0, 23.0));
        Sensors sensors = sensors(sensor, Duration.ofSeconds(1));
        sensors.listen(reading -> {
            throw new IllegalStateException("listener bug");
        });
        List<Double> heard = new ArrayList<>();
        Subscription subscription = sensors.listen("t", reading -> heard.add(reading.value()));
        sensors.pollNow();
        sensors.pollNow();
        sensors.pollNow();
        assertEquals(List.of(21.0, 23.0), heard);
        subscription.close();
        sensor.script.add(30.0);
        sensors.pollNow();
        assertEquals(List.of(21.0, 23.0), heard);
    }

    @Test
    void listeningToAnUnknownSensorIsRefused() {
        Sensors sensors = sensors(new ScriptedSensor(), Duration.ofSeconds(1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> sensors.listen("x", r -> { }));
        assertEquals("no sensor 'x'; sensors are [t]", error.getMessage());
        assertTrue(sensors.latest("x").isEmpty());
    }

    @Test
    void startPollsAtOnceThenOnTheNamedPollThreadUntilClosed() throws InterruptedException {
        ScriptedSensor sensor = new ScriptedSensor();
        try (Sensors sensors = sensors(sensor, Duration.ofMillis(100))) {
            sensors.start();
            assertTrue(sensors.latest("t").isPresent(), "first poll happens inside start()");
            assertTrue(sensor.readOnPollThread.await(60, TimeUnit.SECONDS), "a later poll runs on hal-sensors");
            assertThrows(IllegalStateException.class, sensors::start);
        }
    }
}
