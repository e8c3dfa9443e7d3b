package io.smartshare.hal.driver.sim;

import io.smartshare.hal.ble.Advertisement;
import io.smartshare.hal.ble.BleAddress;
import io.smartshare.hal.ble.BleException;
import io.smartshare.hal.ble.GattCharacteristic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The air between simulated BLE radios in one JVM. Radios sit at points on a plane; an
 * advertisement or GATT operation reaches a radio within the sender's range, and is lost
 * with the larger of the two radios' loss rates, drawn from the medium's seeded random
 * sequence. Delivery is synchronous on the sending thread, so a test that drives the medium
 * from one thread ({@link #advertiseRound()}, {@link SimBleRadio#advertise(byte[])}) gets
 * the same events on every run.
 *
 * <p>For a running node, {@link #start(Duration)} repeats every active advertisement at a
 * fixed interval on one named daemon thread ({@code hal-sim-ble}), as a real radio does.
 * Thread-safe.
 */
public final class SimBleMedium implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimBleMedium.class);
    private static final SimBleMedium SHARED = new SimBleMedium(1, Clock.systemUTC());

    private final Random random;
    private final Clock clock;
    private final List<SimBleRadio> radios = new ArrayList<>();
    private ScheduledExecutorService ticker;
    private int nextAddress = 1;

    /**
     * @param seed seed of the loss draws
     * @param clock time stamped on advertisements
     */
    public SimBleMedium(long seed, Clock clock) {
        this.random = new Random(seed);
        this.clock = clock;
    }

    /** The medium simulated boards attach to when none is given: one per JVM. */
    public static SimBleMedium shared() {
        return SHARED;
    }

    /**
     * Places a new radio at {@code (x, y)} metres.
     *
     * @param rangeMeters how far its transmissions reach
     * @param lossPercent share of transmissions to or from it that are lost, 0 to 100
     */
    public synchronized SimBleRadio attach(double x, double y, double rangeMeters, double lossPercent) {
        if (!(rangeMeters > 0) || !(lossPercent >= 0 && lossPercent <= 100)) {
            throw new IllegalArgumentException("range must be positive and loss 0..100, found range=" + rangeMeters
                    + " loss=" + lossPercent);
        }
        int n = nextAddress++;
        BleAddress address = new BleAddress(String.format("02:00:00:%02X:%02X:%02X", (n >> 16) & 0xFF, (n >> 8) & 0xFF, n & 0xFF));
        SimBleRadio radio = new SimBleRadio(this, address, x, y, rangeMeters, lossPercent / 100.0);
        radios.add(radio);
        return radio;
    }

    /** The attached radio with {@code address}. */
    public synchronized Optional<SimBleRadio> radio(BleAddress address) {
        return radios.stream().filter(r -> r.address().equals(address)).findFirst();
    }

    /** Delivers every radio's current advertisement once, in attach order. */
    public void advertiseRound() {
        List<SimBleRadio> senders;
        synchronized (this) {
            senders = List.copyOf(radios);
        }
        for (SimBleRadio sender : senders) {
            sender.advertisement().ifPresent(payload -> deliver(sender, payload));
        }
    }

    /** Repeats {@link #advertiseRound()} every {@code interval} until {@link #close()}; a no-op if already running. */
    public synchronized void start(Duration interval) {
        if (ticker != null) {
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "hal-sim-ble");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::advertiseRound, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        ticker = executor;
        LOG.info("event=sim-ble-started interval-ms={}", interval.toMillis());
    }

    /** Stops the repeating thread, if running. Radios stay attached. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    synchronized void detach(SimBleRadio radio) {
        radios.remove(radio);
    }

    /** Sends one advertisement from {@code sender} to every scanning radio in reach. */
    void deliver(SimBleRadio sender, byte[] payload) {
        List<SimBleRadio> receivers;
        synchronized (this) {
            receivers = new ArrayList<>();
            for (SimBleRadio receiver : radios) {
                if (receiver != sender && receiver.isScanning() && inReach(sender, receiver) && !lost(sender, receiver)) {
                    receivers.add(receiver);
                }
            }
        }
        for (SimBleRadio receiver : receivers) {
            receiver.hear(new Advertisement(sender.address(), rssi(sender, receiver), payload, clock.instant()));
        }
    }

    /** The peer a GATT operation from {@code client} reaches, or why it does not. */
    SimBleRadio reach(SimBleRadio client, BleAddress peer, GattCharacteristic characteristic, String operation)
            throws BleException {
        synchronized (this) {
            SimBleRadio server = radios.stream().filter(r -> r.address().equals(peer)).findFirst()
                    .orElseThrow(() -> new BleException(operation + " " + characteristic.characteristic() + " on " + peer
                            + ": no such device"));
            if (!inReach(client, server) || !inReach(server, client)) {
                throw new BleException(operation + " " + characteristic.characteristic() + " on " + peer + ": out of range ("
                        + Math.round(distance(client, server)) + " m)");
            }
            if (lost(client, server)) {
                throw new BleException(operation + " " + characteristic.characteristic() + " on " + peer
                        + ": lost (simulated loss)");
            }
            return server;
        }
    }

    private boolean lost(SimBleRadio a, SimBleRadio b) {
        double loss = Math.max(a.loss(), b.loss());
        return loss > 0 && random.nextDouble() < loss;
    }

    private static boolean inReach(SimBleRadio from, SimBleRadio to) {
        return distance(from, to) <= from.range();
    }

    private static double distance(SimBleRadio a, SimBleRadio b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /** Free-space-like signal strength: -40 dBm at 1 m, 20 dB less per decade of distance. */
    private static int rssi(SimBleRadio a, SimBleRadio b) {
        return (int) Math.round(-40 - 20 * Math.log10(Math.max(1.0, distance(a, b))));
    }
}
