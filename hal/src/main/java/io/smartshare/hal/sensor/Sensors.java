package io.smartshare.hal.sensor;

import io.smartshare.hal.Listeners;
import io.smartshare.hal.Subscription;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.HealthRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board's sensors, polled on one named daemon thread ({@code hal-sensors}) at each
 * sensor's interval. Keeps the latest good readings of each sensor and tells listeners of
 * every value that differs from the one before. A failed read keeps the previous readings,
 * marks the sensor degraded (or absent, if its device is not there) in {@link #health()}
 * with the reason, and is retried at the next poll. Thread-safe.
 */
public final class Sensors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sensors.class);

    private final Map<String, Sensor> sensors = new LinkedHashMap<>();
    private final Map<String, Duration> intervals;
    private final Map<String, HealthRecorder> health = new LinkedHashMap<>();
    private final Map<String, List<Reading>> latest = new ConcurrentHashMap<>();
    private final Listeners<Reading> listeners = new Listeners<>("source=sensors");
    private final Object pollLock = new Object();
    private ScheduledExecutorService scheduler;

    /**
     * @param sensors the sensors, in board-file order
     * @param intervals the poll interval of each sensor, by id
     * @param optional the ids of the sensors the board calls optional ({@link DriverHealth#optional})
     */
    public Sensors(List<Sensor> sensors, Map<String, Duration> intervals, Set<String> optional) {
        for (Sensor sensor : sensors) {
            if (this.sensors.putIfAbsent(sensor.id(), sensor) != null) {
                throw new IllegalArgumentException("sensor id '" + sensor.id() + "' is used twice");
            }
            if (!intervals.containsKey(sensor.id())) {
                throw new IllegalArgumentException("no poll interval for sensor '" + sensor.id() + "'");
            }
            health.put(sensor.id(), new HealthRecorder("sensor:" + sensor.id(), sensor.driver(),
                    optional.contains(sensor.id())));
        }
        this.intervals = Map.copyOf(intervals);
    }

    /** The sensors, in board-file order. */
    public List<Sensor> list() {
        return List.copyOf(sensors.values());
    }

    /** One sensor by id. */
    public Optional<Sensor> get(String id) {
        return Optional.ofNullable(sensors.get(id));
    }

    /** The latest good readings of sensor {@code id}; empty if it was never read successfully. */
    public Optional<List<Reading>> latest(String id) {
        return Optional.ofNullable(latest.get(id));
    }

    /** Calls {@code listener} on the poll thread with every changed reading of any sensor. */
    public Subscription listen(Consumer<Reading> listener) {
        return listeners.add(listener);
    }

    /** Calls {@code listener} on the poll thread with every changed reading of sensor {@code id}. */
    public Subscription listen(String id, Consumer<Reading> listener) {
        if (!sensors.containsKey(id)) {
            throw new IllegalArgumentException("no sensor '" + id + "'; sensors are " + sensors.keySet());
        }
        return listeners.add(reading -> {
            if (reading.sensorId().equals(id)) {
                listener.accept(reading);
            }
        });
    }

    /** Reads every sensor once, now, on the calling thread, as a scheduled poll would. */
    public void pollNow() {
        for (Sensor sensor : sensors.values()) {
            poll(sensor);
        }
    }

    /** Each sensor's state: up after a good read, degraded with the reason after a failed one. */
    public List<DriverHealth> health() {
        List<DriverHealth> result = new ArrayList<>();
        for (HealthRecorder recorder : health.values()) {
            result.add(recorder.current());
        }
        return result;
    }

    /** Polls every sensor once now, then each at its interval, until {@link #close()}. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("sensors already started");
        }
        pollNow();
        if (sensors.isEmpty()) {
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hal-sensors");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        for (Sensor sensor : sensors.values()) {
            long millis = intervals.get(sensor.id()).toMillis();
            executor.scheduleWithFixedDelay(() -> poll(sensor), millis, millis, TimeUnit.MILLISECONDS);
        }
        scheduler = executor;
    }

    /** Stops polling and waits briefly for a poll in progress. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("event=sensor-poll-stuck thread=hal-sensors");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    private void poll(Sensor sensor) {
        synchronized (pollLock) {
            List<Reading> readings;
            try {
                readings = List.copyOf(sensor.read());
            } catch (SensorException e) {
                if (e.isAbsent()) {
                    health.get(sensor.id()).absent(e.getMessage());
                } else {
                    health.get(sensor.id()).degraded(e.getMessage());
                }
                return;
            } catch (RuntimeException e) {
                health.get(sensor.id()).degraded("driver failed: " + e);
                return;
            }
            health.get(sensor.id()).up();
            List<Reading> before = latest.put(sensor.id(), readings);
            for (Reading reading : readings) {
                if (before == null || changed(before, reading)) {
                    listeners.fire(reading);
                }
            }
        }
    }

    private static boolean changed(List<Reading> before, Reading reading) {
        return before.stream()
                .filter(old -> old.quantity() == reading.quantity())
                .noneMatch(old -> old.value() == reading.value());
    }
}
