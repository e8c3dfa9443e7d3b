package io.smartshare.node.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DelayedUdpConnectorTest {
    @Test
    void readsTheDelayInMilliseconds() {
        assertEquals(20, DelayedUdpConnector.delayFrom("20"));
        assertEquals(0, DelayedUdpConnector.delayFrom(" 0 "));
    }

    @Test
    void rejectsNonNumbersAndOutOfRangeDelaysNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DelayedUdpConnector.delayFrom("20ms"));
        assertTrue(e.getMessage().contains(DelayedUdpConnector.PROPERTY) && e.getMessage().contains("20ms"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DelayedUdpConnector.delayFrom("-1"));
        assertThrows(IllegalArgumentException.class, () -> DelayedUdpConnector.delayFrom("1001"));
    }
}
