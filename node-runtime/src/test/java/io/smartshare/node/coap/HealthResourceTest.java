package io.smartshare.node.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartshare.hal.health.DriverHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An absent component degrades the node unless the board calls it optional; one failing always does. */
class HealthResourceTest {
    private static final DriverHealth NET = DriverHealth.up("net", "linux");
    private static final DriverHealth NO_THERMAL_ZONE = DriverHealth.absent("sensor:cpu-temperature", "linux",
            "no thermal zone");

    @Test
    void anAbsentOptionalSensorLeavesTheNodeUpAndIsListedAsOptional() {
        Map<String, Object> doc = health(NET, NO_THERMAL_ZONE.asOptional());
        assertEquals("up", doc.get("status"));
        assertEquals(Map.of("component", "sensor:cpu-temperature", "driver", "linux", "state", "absent",
                "reason", "no thermal zone", "optional", true), ((List<?>) doc.get("components")).get(1));
    }

    @Test
    void anAbsentRequiredSensorDegradesTheNode() {
        assertEquals("degraded", health(NET, NO_THERMAL_ZONE).get("status"));
    }

    @Test
    void anOptionalSensorThatFailsToReadDegradesTheNode() {
        assertEquals("degraded", health(NET, DriverHealth.degraded("sensor:cpu-temperature", "linux", "bad read")
                .asOptional()).get("status"));
    }

    private static Map<String, Object> health(DriverHealth... components) {
        return new HealthResource(() -> List.of(components), List::of).document(QueryParameters.none());
    }
}
