package io.smartshare.node.mesh.coap;

import io.smartshare.hal.ble.BleException;
import io.smartshare.hal.ble.BleRadio;
import io.smartshare.hal.board.MeshSpec;
import io.smartshare.hal.device.Board;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.DriverState;
import io.smartshare.node.mesh.MeshNode;
import io.smartshare.node.mesh.MeshTransport;
import io.smartshare.node.mesh.ble.BleMeshTransport;
import io.smartshare.node.mesh.link.LinkAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's mesh link over BLE, or the reason there is none. It runs when the board's mesh
 * section lists {@code ble} and the board's radio opened and can carry the mesh: advertise,
 * and serve the mesh characteristic for GATT writes ({@link BleRadio#canAdvertise()}, {@link
 * BleRadio#gattServer()}), which today only the sim driver does (tinyb is a GATT client and cannot advertise). Otherwise one log line and the {@code
 * mesh-ble} entry of {@code /health} say why, and the mesh runs over IP only.
 */
final class MeshBle implements AutoCloseable {
    static final String COMPONENT = "mesh-ble";
    private static final Logger LOG = LoggerFactory.getLogger(MeshBle.class);

    private final Optional<BleMeshTransport> transport;
    private final Optional<DriverHealth> health;
    /** Where received frames go: nowhere until {@link #deliverTo}. */
    private final AtomicReference<BiConsumer<LinkAddress, byte[]>> receiver;

    private MeshBle(Optional<BleMeshTransport> transport, Optional<DriverHealth> health,
            AtomicReference<BiConsumer<LinkAddress, byte[]>> receiver) {
        this.transport = transport;
        this.health = health;
        this.receiver = receiver;
    }

    /** No BLE link and no {@code /health} entry: the node runs no mesh. */
    static MeshBle none() {
        return new MeshBle(Optional.empty(), Optional.empty(), new AtomicReference<>());
    }

    /** Opens the BLE link for {@code mesh} on {@code radio} (health {@code radioHealth}), if both allow it. */
    static MeshBle open(MeshSpec mesh, Optional<BleRadio> radio, Optional<DriverHealth> radioHealth) {
        if (!mesh.transports().contains(MeshSpec.Transport.BLE)) {
            return none();
        }
        AtomicReference<BiConsumer<LinkAddress, byte[]>> receiver = new AtomicReference<>((from, frame) -> { });
        String driver = radioHealth.map(DriverHealth::driver).orElse("none");
        if (radio.isEmpty() || radioHealth.map(h -> h.state() != DriverState.UP).orElse(true)) {
            return off(driver, "the board's BLE radio is not working ("
                    + radioHealth.map(DriverHealth::reason).filter(r -> !r.isBlank()).orElse("no radio") + ")", receiver);
        }
        if (!radio.get().canAdvertise() || radio.get().gattServer().isEmpty()) {
            return off(driver, "the " + driver + " driver cannot advertise or serve GATT writes", receiver);
        }
        BleMeshTransport started = new BleMeshTransport(radio.get(), radio.get().gattServer(), mesh.maxNeighbours());
        try {
            started.start((from, frame) -> receiver.get().accept(from, frame));
        } catch (BleException e) {
            started.close();
            return off(driver, "scanning failed: " + e.getMessage(), receiver);
        }
        return new MeshBle(Optional.of(started), Optional.of(DriverHealth.up(COMPONENT, driver)), receiver);
    }

    /** {@link #open} on {@code board}'s radio. */
    static MeshBle open(MeshSpec mesh, Board board) {
        return open(mesh, board.ble(), board.health().stream().filter(h -> h.component().equals("ble")).findFirst());
    }

    private static MeshBle off(String driver, String reason,
            AtomicReference<BiConsumer<LinkAddress, byte[]>> receiver) {
        LOG.warn("event=mesh_ble_off reason=\"{}\" mesh=ip-only", reason);
        return new MeshBle(Optional.empty(), Optional.of(DriverHealth.absent(COMPONENT, driver,
                reason + "; the mesh runs over IP only")), receiver);
    }

    /** The BLE transport, when it runs. */
    Optional<MeshTransport> transport() {
        return transport.map(t -> t);
    }

    /** Hands every frame received over BLE from now on to {@code node}. */
    void deliverTo(MeshNode node) {
        receiver.set(node::onFrame);
    }

    /** The {@code mesh-ble} entry of {@code /health}: none when the board's mesh does not list BLE. */
    List<DriverHealth> health() {
        return health.stream().toList();
    }

    @Override
    public void close() {
        transport.ifPresent(BleMeshTransport::close);
    }
}
