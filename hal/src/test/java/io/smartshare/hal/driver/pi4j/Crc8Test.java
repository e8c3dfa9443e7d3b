package io.smartshare.hal.driver.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Crc8Test {
    @Test
    void matchesTheSht3xDatasheetExample() {
        assertEquals(0x92, Crc8.of(new byte[] {(byte) 0xBE, (byte) 0xEF}, 0, 2));
    }

    @Test
    void coversOnlyTheGivenRange() {
        byte[] frame = {0x00, (byte) 0xBE, (byte) 0xEF, 0x00};
        assertEquals(0x92, Crc8.of(frame, 1, 2));
        assertEquals(0xAC, Crc8.of(new byte[] {0x00}, 0, 1));
    }
}
