package io.smartshare.hal.driver.pi4j;

/**
 * Sensirion's CRC-8: polynomial 0x31 (x^8 + x^5 + x^4 + 1), initial value 0xFF, no
 * reflection, no final XOR (SHT3x datasheet, section 4.12). CRC of 0xBEEF is 0x92.
 */
final class Crc8 {
    private static final int POLYNOMIAL = 0x31;
    private static final int INITIAL = 0xFF;

    private Crc8() {
    }

    static int of(byte[] data, int offset, int length) {
        int crc = INITIAL;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ POLYNOMIAL) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }
}
