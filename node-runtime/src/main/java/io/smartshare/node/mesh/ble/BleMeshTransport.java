package io.smartshare.node.mesh.ble;

import io.smartshare.hal.Subscription;
import io.smartshare.hal.ble.Advertisement;
import io.smartshare.hal.ble.BleAddress;
import io.smartshare.hal.ble.BleException;
import io.smartshare.hal.ble.BleRadio;
import io.smartshare.hal.ble.GattCharacteristic;
import io.smartshare.hal.ble.GattServer;
import io.smartshare.node.mesh.MeshTransport;
import io.smartshare.node.mesh.link.Delivery;
import io.smartshare.node.mesh.link.LinkAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh's link over Bluetooth Low Energy, through hal's {@link BleRadio}. Broadcast frames
 * (hellos, heartbeats, repair requests) travel in advertisements, cut into {@link
 * BleFragments} and advertised one after another, {@link #FRAGMENT_INTERVAL_MILLIS} apart;
 * unicast and confirmable frames are GATT writes to the peer's mesh characteristic (a write
 * that completes is acknowledged; one that fails is retried, then reported timed out).
 * Link addresses are {@code ble:AA:BB:CC:DD:EE:FF}.
 *
 * <p>Everything that touches the radio runs on one named thread ({@code mesh-ble}); at most
 * {@link #MAX_QUEUED} fragments and writes wait, newer broadcasts push out the oldest.
 */
public final class BleMeshTransport implements MeshTransport, AutoCloseable {
    /** The mesh's GATT characteristic, in the mesh service. */
    public static final GattCharacteristic FRAME_CHARACTERISTIC = new GattCharacteristic(
            UUID.fromString("5b6d6573-6800-4000-8000-736d61727473"), UUID.fromString("5b6d6573-6801-4000-8000-736d61727473"));
    static final long FRAGMENT_INTERVAL_MILLIS = 30;
    static final int MAX_QUEUED = 64;
    private static final int WRITE_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(BleMeshTransport.class);

    private final BleRadio radio;
    private final Optional<GattServer> inbox;
    private final ScheduledExecutorService executor;
    private final Deque<byte[]> fragments = new ArrayDeque<>();
    private final BleReassembly reassembly;
    private int pendingWrites;
    private int messageNumber;
    private boolean advertising;
    private Optional<Subscription> scan = Optional.empty();
    private Optional<Subscription> writes = Optional.empty();

    /**
     * @param inbox where unicast frames arrive: writes by peers to the mesh characteristic;
     *     without one, only advertised frames are heard
     * @param maxNeighbors how many senders' partial frames are kept
     */
    public BleMeshTransport(BleRadio radio, Optional<GattServer> inbox, int maxNeighbors) {
        this.radio = radio;
        this.inbox = inbox;
        this.reassembly = new BleReassembly(2 * maxNeighbors);
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mesh-ble");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts scanning and serving the mesh characteristic; every whole frame heard goes to
     * {@code receiver} (the node's {@code onFrame}) with the sender's link address.
     *
     * @throws BleException if the radio cannot scan
     */
    public synchronized void start(BiConsumer<LinkAddress, byte[]> receiver) throws BleException {
        scan = Optional.of(radio.scan(ad -> heard(ad, receiver)));
        writes = inbox.map(server -> server.serve(FRAME_CHARACTERISTIC, (from, frame) -> receiver.accept(address(from), frame)));
        LOG.info("event=mesh_ble_started address={}", radio.address());
    }

    @Override
    public synchronized void multicast(byte[] frame) {
        messageNumber = (messageNumber + 1) & 0xff;
        for (byte[] fragment : BleFragments.split(frame, messageNumber)) {
            if (fragments.size() >= MAX_QUEUED) {
                fragments.removeFirst();
            }
            fragments.addLast(fragment);
        }
        if (!advertising) {
            advertising = true;
            executor.execute(this::advertiseNext);
        }
    }

    @Override
    public void unicast(LinkAddress to, byte[] frame) {
        write(to, frame, 1, delivery -> { });
    }

    @Override
    public void confirmable(LinkAddress to, byte[] frame, Consumer<Delivery> outcome) {
        write(to, frame, WRITE_ATTEMPTS, outcome);
    }

    private void write(LinkAddress to, byte[] frame, int attempts, Consumer<Delivery> outcome) {
        BleAddress peer = peer(to);
        synchronized (this) {
            if (pendingWrites >= MAX_QUEUED || executor.isShutdown()) {
                outcome.accept(new Delivery.TimedOut(1));
                return;
            }
            pendingWrites++;
        }
        executor.execute(() -> {
            Delivery delivery = new Delivery.TimedOut(attempts);
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    radio.write(peer, FRAME_CHARACTERISTIC, frame);
                    delivery = new Delivery.Acknowledged(attempt);
                    break;
                } catch (BleException e) {
                    LOG.debug("event=mesh_ble_write_failed peer={} attempt={} error=\"{}\"", peer, attempt, e.getMessage());
                }
            }
            synchronized (this) {
                pendingWrites--;
            }
            outcome.accept(delivery);
        });
    }

    private void advertiseNext() {
        byte[] next;
        synchronized (this) {
            next = fragments.pollFirst();
            if (next == null) {
                advertising = false;
                radio.stopAdvertising();
                return;
            }
        }
        try {
            radio.advertise(next);
        } catch (BleException e) {
            LOG.warn("event=mesh_ble_advertise_failed address={} error=\"{}\"", radio.address(), e.getMessage());
        }
        if (!executor.isShutdown()) {
            executor.schedule(this::advertiseNext, FRAGMENT_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void heard(Advertisement ad, BiConsumer<LinkAddress, byte[]> receiver) {
        Optional<byte[]> frame;
        synchronized (this) {
            frame = BleFragments.parse(ad.payload()).flatMap(f -> reassembly.accept(ad.from(), f));
        }
        frame.ifPresent(f -> receiver.accept(address(ad.from()), f));
    }

    private static LinkAddress address(BleAddress ble) {
        return new LinkAddress(LinkAddress.BLE_PREFIX + ble.value());
    }

    private static BleAddress peer(LinkAddress address) {
        if (!address.value().startsWith(LinkAddress.BLE_PREFIX)) {
            throw new IllegalArgumentException("ble link address: expected ble:AA:BB:CC:DD:EE:FF, found '" + address + "'");
        }
        return new BleAddress(address.value().substring(LinkAddress.BLE_PREFIX.length()));
    }

    @Override
    public synchronized void close() {
        scan.ifPresent(Subscription::close);
        writes.ifPresent(Subscription::close);
        executor.shutdownNow();
        radio.stopAdvertising();
    }
}
