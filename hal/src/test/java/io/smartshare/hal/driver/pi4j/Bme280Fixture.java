package io.smartshare.hal.driver.pi4j;

/**
 * Register contents of a BME280 trimmed with the datasheet's example calibration (Bosch's
 * BMP280/BME280 worked example: dig_T1=27504, dig_T2=26435, dig_T3=-1000, dig_P1..9 as
 * below; adc_T=519888 and adc_P=415148), plus humidity trimming of a typical part.
 */
public final class Bme280Fixture {
    static final int[] TP = {27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000};
    public static final int H1 = 75;
    static final int H2 = 362;
    static final int H3 = 0;
    static final int H4 = 313;
    static final int H5 = 50;
    static final int H6 = 30;
    static final int ADC_T = 519888;
    static final int ADC_P = 415148;
    static final int ADC_H = 30000;

    private Bme280Fixture() {
    }

    /** The 24 bytes at 0x88: dig_T1..dig_P9, little-endian. */
    public static byte[] calibrationTp() {
        byte[] bytes = new byte[24];
        for (int i = 0; i < TP.length; i++) {
            bytes[2 * i] = (byte) TP[i];
            bytes[2 * i + 1] = (byte) (TP[i] >> 8);
        }
        return bytes;
    }

    /** The 7 bytes at 0xE1: dig_H2..dig_H6 with H4 and H5 sharing 0xE5. */
    public static byte[] calibrationH() {
        return new byte[] {(byte) H2, (byte) (H2 >> 8), (byte) H3, (byte) (H4 >> 4),
            (byte) ((H4 & 0x0F) | ((H5 & 0x0F) << 4)), (byte) (H5 >> 4), (byte) H6};
    }

    /** The 8 data bytes at 0xF7 for raw pressure, temperature and humidity. */
    static byte[] data(int adcP, int adcT, int adcH) {
        return new byte[] {(byte) (adcP >> 12), (byte) (adcP >> 4), (byte) (adcP << 4),
            (byte) (adcT >> 12), (byte) (adcT >> 4), (byte) (adcT << 4), (byte) (adcH >> 8), (byte) adcH};
    }

    /** The data registers holding the datasheet example's raw values. */
    public static byte[] datasheetData() {
        return data(ADC_P, ADC_T, ADC_H);
    }
}
