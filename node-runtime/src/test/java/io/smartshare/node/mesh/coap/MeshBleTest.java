package io.smartshare.node.mesh.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartshare.hal.board.MeshSpec;
import io.smartshare.hal.driver.sim.SimBleMedium;
import io.smartshare.hal.health.DriverHealth;
import io.smartshare.hal.health.DriverState;
import io.smartshare.node.mesh.coap.MeshBle;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeshBleTest {
    private static final MeshSpec IP_AND_BLE = new MeshSpec(Set.of(MeshSpec.Transport.IP, MeshSpec.Transport.BLE), 8);

    @Test
    void boardWithoutAWorkingRadioRunsIpOnlyAndHealthSaysWhy() {
        try (MeshBle ble = MeshBle.open(IP_AND_BLE, Optional.empty(),
                Optional.of(DriverHealth.absent("ble", "tinyb", "no tinyb natives for aarch64")))) {
            assertTrue(ble.transport().isEmpty());
            DriverHealth health = ble.health().get(0);
            assertEquals(DriverState.ABSENT, health.state());
            assertTrue(health.reason().contains("no tinyb natives for aarch64") && health.reason().contains("IP only"),
                    health.reason());
        }
    }

    @Test
    void simRadioCarriesTheMesh() {
        try (SimBleMedium medium = new SimBleMedium(1, Clock.systemUTC());
             MeshBle ble = MeshBle.open(IP_AND_BLE, Optional.of(medium.attach(0, 0, 30, 0)),
                     Optional.of(DriverHealth.up("ble", "sim")))) {
            assertTrue(ble.transport().isPresent());
            assertEquals(List.of(DriverHealth.up(MeshBle.COMPONENT, "sim")), ble.health());
        }
    }

    @Test
    void meshWithoutBleHasNoBleLinkAndNoHealthEntry() {
        MeshSpec ipOnly = new MeshSpec(Set.of(MeshSpec.Transport.IP), 8);
        try (MeshBle ble = MeshBle.open(ipOnly, Optional.empty(), Optional.empty())) {
            assertTrue(ble.transport().isEmpty());
            assertEquals(List.of(), ble.health());
        }
    }
}
