package io.smartshare.hal.driver.pi4j;

/**
 * The factory trimming of one BME280, and the datasheet's compensation formulas (Bosch
 * BST-BME280-DS002, section 4.2.3: the 32-bit integer versions for temperature and humidity,
 * the 64-bit one for pressure).
 */
record Bme280Calibration(
        int t1, int t2, int t3,
        int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
        int h1, int h2, int h3, int h4, int h5, int h6) {

    /** Bytes read from 0x88 onwards: dig_T1 to dig_P9. */
    static final int TP_LENGTH = 24;
    /** Bytes read from 0xE1 onwards: dig_H2 to dig_H6. */
    static final int H_LENGTH = 7;

    /**
     * @param tp the 24 bytes at 0x88..0x9F
     * @param h1 the byte at 0xA1
     * @param h the 7 bytes at 0xE1..0xE7
     */
    static Bme280Calibration parse(byte[] tp, int h1, byte[] h) {
        return new Bme280Calibration(
                u16(tp, 0), s16(tp, 2), s16(tp, 4),
                u16(tp, 6), s16(tp, 8), s16(tp, 10), s16(tp, 12), s16(tp, 14), s16(tp, 16), s16(tp, 18),
                s16(tp, 20), s16(tp, 22),
                h1 & 0xFF,
                s16(h, 0),
                h[2] & 0xFF,
                (h[3] << 4) | (h[4] & 0x0F),
                (h[5] << 4) | ((h[4] & 0xFF) >> 4),
                h[6]);
    }

    /** The fine temperature that pressure and humidity compensation need. */
    int tFine(int adcT) {
        int var1 = (((adcT >> 3) - (t1 << 1)) * t2) >> 11;
        int var2 = (((((adcT >> 4) - t1) * ((adcT >> 4) - t1)) >> 12) * t3) >> 14;
        return var1 + var2;
    }

    /** Temperature in degrees Celsius, at the datasheet's 0.01 resolution. */
    double celsius(int tFine) {
        return ((tFine * 5 + 128) >> 8) / 100.0;
    }

    /** Pressure in pascal (the datasheet's Q24.8 result divided by 256); 0 if the calibration is void. */
    double pascal(int adcP, int tFine) {
        long var1 = (long) tFine - 128000;
        long var2 = var1 * var1 * p6;
        var2 = var2 + ((var1 * p5) << 17);
        var2 = var2 + (((long) p4) << 35);
        var1 = ((var1 * var1 * p3) >> 8) + ((var1 * p2) << 12);
        var1 = ((((1L) << 47) + var1) * p1) >> 33;
        if (var1 == 0) {
            return 0;
        }
        long p = 1048576 - adcP;
        p = (((p << 31) - var2) * 3125) / var1;
        var1 = (((long) p9) * (p >> 13) * (p >> 13)) >> 25;
        var2 = (((long) p8) * p) >> 19;
        p = ((p + var1 + var2) >> 8) + (((long) p7) << 4);
        return p / 256.0;
    }

    /** Relative humidity in percent (the datasheet's Q22.10 result divided by 1024), 0 to 100. */
    double relativeHumidity(int adcH, int tFine) {
        int v = tFine - 76800;
        v = (((((adcH << 14) - (h4 << 20) - (h5 * v)) + 16384) >> 15)
                * (((((((v * h6) >> 10) * (((v * h3) >> 11) + 32768)) >> 10) + 2097152) * h2 + 8192) >> 14));
        v = v - (((((v >> 15) * (v >> 15)) >> 7) * h1) >> 4);
        v = Math.max(0, Math.min(v, 419430400));
        return (v >> 12) / 1024.0;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static int s16(byte[] b, int i) {
        return (short) u16(b, i);
    }
}
